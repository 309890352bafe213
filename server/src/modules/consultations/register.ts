import { translate, type Locale } from '@lianxin/common';
import { registerAttachmentPolicy } from '../../core/files/registry.js';
import { registerNotificationKind } from '../../core/notifications/kinds.js';
import { ATTACHMENT_KIND, mayReadConsultation } from './commands.js';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const ANSWER_KEYS: Record<string, string> = {
  adopted: 'consultations.answer.adopted',
  partly: 'consultations.answer.partly',
  not_adopted: 'consultations.answer.not_adopted',
};

/**
 * Notification kinds (the commenter hears of the answer and of the report) and who may open the
 * .docx a draft was made from. Events carry the consultation's title, the section's label and
 * the kind of answer: nothing about the commenter.
 */
export function registerConsultations(): void {
  const kinds: Array<
    [string, string, (d: Record<string, unknown>, l: Locale) => Record<string, string>]
  > = [
    [
      'consultation.comment_answered',
      'answered',
      (d, l) => ({
        title: str(d.title),
        section: str(d.section),
        answer: ANSWER_KEYS[str(d.answer)] ? translate(l, ANSWER_KEYS[str(d.answer)]!) : '',
      }),
    ],
    ['consultation.report_published', 'reported', (d) => ({ title: str(d.title) })],
  ];
  for (const [type, key, vars] of kinds) {
    const k = (part: string) => `consultations.notify.${key}.${part}`;
    registerNotificationKind(type, {
      title: (d, locale) => translate(locale, k('title'), vars(d, locale)),
      body: (d, locale) => translate(locale, k('body'), vars(d, locale)),
      defaultChannels: ['inbox'],
      label: (locale) => translate(locale, k('label')),
      link: (subject) =>
        subject?.type === 'consultation' && /^\d+$/.test(subject.id)
          ? `/consultations/${subject.id}`
          : null,
    });
  }
  registerAttachmentPolicy(ATTACHMENT_KIND, (actor, recordId, db) =>
    mayReadConsultation(actor, recordId, db),
  );
}
