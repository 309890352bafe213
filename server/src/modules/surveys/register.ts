import { translate, type Locale } from '@lianxin/common';
import { registerNotificationKind } from '../../core/notifications/kinds.js';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** A deadline in Shanghai time, e.g. 2026-12-05 18:00; "no deadline" when there is none. */
function deadline(v: unknown, locale: Locale) {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) return translate(locale, 'surveys.noDeadline');
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The surveys' notification kinds: `survey.opened` (the audience, when it opens) and
 * `survey.reminder` (those who have not answered). Data: the title and the deadline only —
 * the same for named and anonymous surveys.
 */
export function registerSurveys(): void {
  for (const [type, key] of [
    ['survey.opened', 'opened'],
    ['survey.reminder', 'reminder'],
  ] as const) {
    const k = (part: 'title' | 'body' | 'label') =>
      `surveys.notify.${key}.${part}` as Parameters<typeof translate>[1];
    const vars = (d: Record<string, unknown>, locale: Locale) => ({
      title: str(d.title),
      closesAt: deadline(d.closesAt, locale),
    });
    registerNotificationKind(type, {
      title: (d, locale) => translate(locale, k('title'), vars(d, locale)),
      body: (d, locale) => translate(locale, k('body'), vars(d, locale)),
      defaultChannels: ['inbox'],
      label: (locale) => translate(locale, k('label')),
      link: (subject) => (subject?.type === 'survey' ? `/surveys/${subject.id}` : null),
    });
  }
}
