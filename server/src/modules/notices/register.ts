import { translate, type Locale } from '@lianxin/common';
import { registerAttachmentPolicy } from '../../core/files/registry.js';
import { registerNotificationKind } from '../../core/notifications/kinds.js';
import { actorInScope } from './views.js';
import { noticePolicy } from './policy.js';
import * as repo from './repository.js';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
type Key = Parameters<typeof translate>[1];

/**
 * Notification kinds. None names an objector: the events carry the notice title, dates and
 * the finding; an anonymous objector is never a recipient (they use the tracking page).
 */
const KINDS: Array<
  [string, string, (d: Record<string, unknown>, l: Locale) => Record<string, string>]
> = [
  ['notice.review_requested', 'review', (d) => ({ title: str(d.title) })],
  [
    'notice.review_decided',
    'decided',
    (d, l) => ({
      title: str(d.title),
      outcome: translate(
        l,
        d.approved === true ? 'notices.decided.approved' : 'notices.decided.rejected',
      ),
      comment: str(d.comment),
    }),
  ],
  ['notice.objection_received', 'objection', (d) => ({ title: str(d.title), dueOn: str(d.dueOn) })],
  [
    'notice.objection_found',
    'found',
    (d, l) => ({ title: str(d.title), finding: translate(l, `notices.finding.${str(d.finding)}`) }),
  ],
];

/** One-time registrations: attachment policies `notice` and `notice_objection`, notifications. */
export function registerNotices(): void {
  // A notice's files: the office always; anyone else once it is published and in their scope.
  registerAttachmentPolicy('notice', async (actor, recordId, db) => {
    const id = Number(recordId);
    if (!Number.isSafeInteger(id)) return false;
    const notice = await repo.getNotice(db, actor.unitId, id);
    if (!notice) return false;
    if (noticePolicy.manage(actor)) return true;
    if (notice.status !== 'published' && notice.status !== 'closed') return false;
    const [scopeIds, deps] = await Promise.all([
      repo.noticeDepartmentIds(db, id),
      repo.unitDepartments(db, actor.unitId),
    ]);
    return actorInScope(actor, notice, scopeIds, deps);
  });
  // An objection's evidence: the office and its named objector.
  registerAttachmentPolicy('notice_objection', async (actor, recordId, db) => {
    const o = await repo.getObjection(db, actor.unitId, recordId);
    if (!o) return false;
    if (noticePolicy.manage(actor)) return true;
    return o.anonymous === 0 && o.objector_account_id === actor.accountId;
  });
  for (const [type, key, vars] of KINDS) {
    const k = (part: 'title' | 'body' | 'label') => `notices.notify.${key}.${part}` as Key;
    registerNotificationKind(type, {
      title: (d, locale: Locale) => translate(locale, k('title'), vars(d, locale)),
      body: (d, locale: Locale) => translate(locale, k('body'), vars(d, locale)),
      defaultChannels: ['inbox', 'email'],
      label: (locale) => translate(locale, k('label')),
      link: (subject) =>
        subject?.type === 'notice'
          ? type === 'notice.objection_found'
            ? '/notices/objections/mine'
            : `/notices/${subject.id}`
          : null,
    });
  }
}
