import { App, Button, Dropdown, Flex, type MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { api } from '../../../app/api';
import { errorText } from '../../../app/errors';
import { useLocale, useT } from '../../../app/locale';
import type { Person } from '../types';

export interface PersonActionHandlers {
  onEdit: (p: Person) => void;
  onRoles: (p: Person) => void;
  onTemporaryPassword: (p: Person, password: string) => void;
  onChanged: () => void;
}

/** The actions a row offers: only those the record's abilities allow. */
export function PersonActions({
  person,
  handlers,
}: {
  person: Person;
  handlers: PersonActionHandlers;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const a = person.abilities;

  const run = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      void message.success(done);
      handlers.onChanged();
    } catch (err) {
      void message.error(errorText(locale, err));
    }
  };

  const confirm = (content: string, okText: string, danger: boolean, onOk: () => Promise<void>) =>
    modal.confirm({
      content,
      okText,
      cancelText: t('common.cancel'),
      okButtonProps: { danger },
      onOk,
    });

  const items: NonNullable<MenuProps['items']> = [];
  if (a.assignRoles) {
    items.push({
      key: 'roles',
      label: t('people.editRoles'),
      onClick: () => handlers.onRoles(person),
    });
  }
  if (a.resetPassword && person.accountId !== null) {
    const accountId = person.accountId;
    items.push({
      key: 'reset',
      label: t('people.resetPassword'),
      onClick: () =>
        confirm(
          t('people.resetConfirm', { name: person.name }),
          t('people.resetPassword'),
          true,
          async () => {
            try {
              const r = await api.post<{ temporaryPassword: string }>(
                `/api/org/accounts/${accountId}/reset-password`,
              );
              handlers.onTemporaryPassword(person, r.temporaryPassword);
              handlers.onChanged();
            } catch (err) {
              void message.error(errorText(locale, err));
            }
          },
        ),
    });
  }
  if (a.unlock && person.locked && person.accountId !== null) {
    const accountId = person.accountId;
    items.push({
      key: 'unlock',
      label: t('people.unlock'),
      onClick: () =>
        void run(() => api.post(`/api/org/accounts/${accountId}/unlock`), t('people.unlocked')),
    });
  }
  if (a.deactivate) {
    const active = !person.active;
    items.push({
      key: 'active',
      danger: person.active,
      label: person.active ? t('people.deactivate') : t('people.activate'),
      onClick: () =>
        confirm(
          t(person.active ? 'people.deactivateConfirm' : 'people.activateConfirm', {
            name: person.name,
          }),
          person.active ? t('people.deactivate') : t('people.activate'),
          person.active,
          () => run(() => api.patch(`/api/org/people/${person.id}`, { active }), t('common.saved')),
        ),
    });
  }

  return (
    <Flex gap={4} wrap={false}>
      {a.update ? (
        <Button
          size="small"
          type="link"
          onClick={() => handlers.onEdit(person)}
          data-testid="person-edit"
        >
          {t('common.edit')}
        </Button>
      ) : null}
      {items.length ? (
        <Dropdown menu={{ items }} trigger={['click']}>
          <Button size="small" type="link" data-testid="person-more">
            {t('common.more')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : null}
    </Flex>
  );
}
