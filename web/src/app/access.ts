import type { Me } from '../modules/auth/types';

/**
 * Which pages the signed-in person may open, from the abilities the server sends with `me`.
 * The menu and the router both read this table; the server checks every call again.
 */
export const pageAccess = {
  departments: (me: Me) => me.abilities.manageDepartments,
  people: (me: Me) => me.abilities.listPeople,
  admins: (me: Me) => me.abilities.viewAdminAccounts,
  import: (me: Me) => me.abilities.importRoster,
  audit: (me: Me) => me.abilities.readAudit,
  calendar: (me: Me) => me.abilities.editCalendar,
  supervision: (me: Me) => me.abilities.viewSupervision,
  channels: (me: Me) => me.abilities.manageChannels,
  pool: (me: Me) => me.abilities.viewPool,
  opinionSubmit: (me: Me) => me.abilities.submitOpinion,
  opinionHandling: (me: Me) => me.abilities.handleOpinions || me.abilities.departmentOpinions,
  opinionFigures: (me: Me) => me.abilities.opinionFigures,
  noticeRead: (me: Me) => me.abilities.readNotices || me.abilities.manageNotices,
  noticeManage: (me: Me) => me.abilities.manageNotices,
  surveyAnswer: (me: Me) => me.abilities.answerSurveys,
  surveyManage: (me: Me) => me.abilities.manageSurveys,
  consultationComment: (me: Me) =>
    me.abilities.commentConsultations || me.abilities.manageConsultations,
  consultationManage: (me: Me) => me.abilities.manageConsultations,
} satisfies Record<string, (me: Me) => boolean>;

export type GuardedPage = keyof typeof pageAccess;

/** A relative `next` target after login: only paths on this site, never `//other.host`. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/setup')) return '/';
  return next;
}
