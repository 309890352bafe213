import { useState } from 'react';
import { Alert, Checkbox, Flex, Modal } from 'antd';
import { CONTENT_ROLES, type ContentRole } from '@lianxin/common';
import { api } from '../../../app/api';
import { useT } from '../../../app/locale';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { Person } from '../types';

const isContentRole = (r: string): r is ContentRole =>
  (CONTENT_ROLES as readonly string[]).includes(r);

interface Props {
  person: Person | null;
  onClose: () => void;
  onSaved: (person: Person) => void;
}

/** Tick a person's content roles; administrator roles are never set here (三员分立). */
export function RolesModal({ person, ...rest }: Props) {
  return person ? <RolesModalBody key={person.id} person={person} {...rest} /> : null;
}

function RolesModalBody({ person, onClose, onSaved }: Props & { person: Person }) {
  const t = useT();
  const [roles, setRoles] = useState<ContentRole[]>(() => person.roles.filter(isContentRole));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      // Keep the order of CONTENT_ROLES so the request is the same whatever was ticked first.
      const body = { roles: CONTENT_ROLES.filter((r) => roles.includes(r)) };
      const res = await api.put<{ person: Person }>(`/api/org/people/${person.id}/roles`, body);
      onSaved(res.person);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('people.rolesTitle', { name: person.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Checkbox.Group
        value={roles}
        onChange={(v) => setRoles(v as ContentRole[])}
        data-testid="roles-editor"
        style={{ width: '100%' }}
      >
        <Flex vertical gap={8}>
          {CONTENT_ROLES.map((r) => (
            <Checkbox key={r} value={r} data-testid={`role-${r}`}>
              {t(`role.${r}`)}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      <Alert type="info" showIcon title={t('people.rolesHint')} style={{ marginTop: 16 }} />
    </Modal>
  );
}
