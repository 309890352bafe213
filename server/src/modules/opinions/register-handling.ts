import { translate, type Locale } from '@lianxin/common';
import { registerNotificationKind } from '../../core/notifications/kinds.js';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const link = (subject: { type: string; id: string } | null) =>
  subject?.type === 'opinion' ? `/opinions/${subject.id}` : null;

/**
 * The handling part's notification kinds. None carries identifying data of a submitter: the
 * events hold only the department, dates, counts and a handler's reason; the link leads to the
 * item, which shows each reader only what they may see.
 */
const KINDS: Array<[string, string, (d: Record<string, unknown>) => Record<string, string>]> = [
  [
    'opinion.dispatched',
    'dispatched',
    (d) => ({ department: str(d.department), signDue: str(d.signDue) }),
  ],
  ['opinion.replied', 'replied', () => ({})],
  ['opinion.question', 'question', () => ({})],
  ['opinion.bounced', 'bounced', (d) => ({ department: str(d.department), reason: str(d.reason) })],
  ['opinion.rated', 'rated', () => ({})],
  ['opinion.inbox_digest', 'digest', (d) => ({ count: str(d.count), date: str(d.date) })],
];

/** One-time registrations for the office's and departments' handling (notification kinds). */
export function registerHandling(): void {
  for (const [type, key, vars] of KINDS) {
    const k = (part: 'title' | 'body' | 'label') =>
      `opinions.notify.${key}.${part}` as Parameters<typeof translate>[1];
    registerNotificationKind(type, {
      title: (d, locale: Locale) => translate(locale, k('title'), vars(d)),
      body: (d, locale: Locale) => translate(locale, k('body'), vars(d)),
      defaultChannels: type === 'opinion.inbox_digest' ? ['inbox'] : ['inbox', 'email'],
      label: (locale) => translate(locale, k('label')),
      link: (subject) => (type === 'opinion.inbox_digest' ? '/opinions/inbox' : link(subject)),
    });
  }
}
