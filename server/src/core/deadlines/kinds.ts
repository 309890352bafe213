import { translate } from '@lianxin/common';
import { registerNotificationKind } from '../notifications/kinds.js';

/** How the scheduler's events read as notifications (registered at import). */
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

registerNotificationKind('deadline.reminder', {
  title: (d, locale) => translate(locale, 'deadlines.reminder.title', { title: str(d.title) }),
  body: (d, locale) =>
    translate(locale, 'deadlines.reminder.body', {
      title: str(d.title),
      dueDate: str(d.dueDate),
      department: str(d.department),
    }),
  defaultChannels: ['inbox', 'email'],
  label: (locale) => translate(locale, 'deadlines.reminder.label'),
});

registerNotificationKind('deadline.escalated', {
  title: (d, locale) => translate(locale, 'deadlines.escalation.title', { title: str(d.title) }),
  body: (d, locale) =>
    translate(locale, 'deadlines.escalation.body', {
      title: str(d.title),
      dueDate: str(d.dueDate),
      department: str(d.department),
      remindedOn: str(d.reminderSentOn),
    }),
  defaultChannels: ['inbox', 'email'],
  label: (locale) => translate(locale, 'deadlines.escalation.label'),
});
