import { useState } from 'react';
import { Button, Drawer, Flex, Form, Input, Select, Switch, TreeSelect } from 'antd';
import { POLITICAL_STATUSES } from '@lianxin/common';
import { api } from '../../../app/api';
import { useT } from '../../../app/locale';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useIsMobile } from '../../../components/useIsMobile';
import { useDepartments } from '../api';
import { departmentOptions } from '../departments/tree';
import type { Person } from '../types';
import {
  createPayload,
  formValuesOf,
  PHONE_PATTERN,
  STAFF_NO_PATTERN,
  updatePayload,
  type PersonFormValues,
} from './person-form';

/** `undefined`: closed; `null`: a new person; a person: edit them. */
export type PersonDrawerTarget = Person | null | undefined;

interface Props {
  target: PersonDrawerTarget;
  onClose: () => void;
  onSaved: (person: Person, created: boolean) => void;
}

/** Create a person, or edit one; mounted afresh each time so no earlier input lingers. */
export function PersonDrawer({ target, ...rest }: Props) {
  if (target === undefined) return null;
  return <PersonDrawerBody key={target?.id ?? 'new'} editing={target} {...rest} />;
}

function PersonDrawerBody({
  editing,
  onClose,
  onSaved,
}: Omit<Props, 'target'> & { editing: Person | null }) {
  const t = useT();
  const mobile = useIsMobile();
  const departments = useDepartments();
  const [form] = Form.useForm<PersonFormValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save(values: PersonFormValues) {
    setSaving(true);
    setError(null);
    try {
      if (editing) {
        const patch = updatePayload(editing, values);
        const person = Object.keys(patch).length
          ? (await api.patch<{ person: Person }>(`/api/org/people/${editing.id}`, patch)).person
          : editing;
        onSaved(person, false);
      } else {
        const { person } = await api.post<{ person: Person }>(
          '/api/org/people',
          createPayload(values),
        );
        onSaved(person, true);
      }
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const maskedPhone =
    editing && !editing.abilities.seePhone && editing.phone ? editing.phone : null;

  return (
    <Drawer
      open
      onClose={onClose}
      title={editing ? t('people.editTitle', { name: editing.name }) : t('people.createTitle')}
      size={mobile ? '100%' : 480}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
            data-testid="person-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={error} />
      <Form<PersonFormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={editing ? formValuesOf(editing) : { congressDelegate: false }}
      >
        <Form.Item
          name="staffNo"
          label={t('people.staffNo')}
          extra={editing ? t('people.staffNoFixed') : undefined}
          rules={
            editing
              ? []
              : [
                  { required: true, whitespace: true, message: t('common.required') },
                  { pattern: STAFF_NO_PATTERN, message: t('people.staffNoInvalid') },
                ]
          }
        >
          <Input disabled={!!editing} maxLength={32} data-testid="person-staffNo" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('people.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: 50, message: t('importProblem.nameTooLong') },
          ]}
        >
          <Input maxLength={50} data-testid="person-name" />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('people.department')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <TreeSelect
            treeData={departmentOptions(departments.data?.items ?? [])}
            loading={departments.isPending}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            data-testid="person-department"
          />
        </Form.Item>
        <Form.Item
          name="position"
          label={t('people.position')}
          rules={[{ max: 50, message: t('importProblem.positionTooLong') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('people.phone')}
          extra={maskedPhone ? t('people.phoneKeep', { phone: maskedPhone }) : undefined}
          rules={[{ pattern: PHONE_PATTERN, message: t('people.phoneInvalid') }]}
        >
          <Input
            inputMode="numeric"
            maxLength={11}
            autoComplete="off"
            placeholder={maskedPhone ?? undefined}
          />
        </Form.Item>
        <Form.Item name="politicalStatus" label={t('people.politicalStatus')}>
          <Select
            allowClear
            options={POLITICAL_STATUSES.map((s) => ({ value: s, label: t(`political.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="congressDelegate"
          label={t('people.congressDelegate')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
