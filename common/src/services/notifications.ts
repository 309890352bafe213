/**
 * The notifications service's stable error codes and the messages of its screens and errors
 * (server and web), in both languages. Keys: `error.<CODE>` for errors, `notifications.*` otherwise.
 */
export const NOTIFICATIONS_ERRORS = [] as const;

export const notificationsZhCN = {
  'menu.inbox': '消息',
  'menu.notificationPrefs': '消息设置',
  'menu.channels': '通知渠道',
} as const;

export const notificationsEn: Record<keyof typeof notificationsZhCN, string> = {
  'menu.inbox': 'Messages',
  'menu.notificationPrefs': 'Notification settings',
  'menu.channels': 'Notification channels',
};
