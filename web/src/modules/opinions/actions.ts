import type { TKey } from '../../i18n';
import type { OpinionAbilities } from './types';

export type ActionName =
  | 'accept'
  | 'notAccept'
  | 'dispatch'
  | 'sign'
  | 'bounce'
  | 'ask'
  | 'reply'
  | 'extension'
  | 'decision'
  | 'merge'
  | 'publish';

export interface ActionSpec {
  name: ActionName;
  /** The view's ability that shows the button. */
  ability: keyof OpinionAbilities;
  /** POST /api/opinions/:id/<path>. */
  path: string;
  label: TKey;
  primary?: boolean;
  danger?: boolean;
  /** The request body from the form's values (trimmed text, numbers as numbers). */
  body: (v: Record<string, unknown>) => Record<string, unknown>;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optionalText = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The handling actions in the order they are offered (docs/opinions-design.md, API). */
export const ACTIONS: ActionSpec[] = [
  {
    name: 'accept',
    ability: 'accept',
    path: 'accept',
    label: 'opinions.action.accept',
    primary: true,
    body: () => ({}),
  },
  {
    name: 'notAccept',
    ability: 'notAccept',
    path: 'not-accept',
    label: 'opinions.action.notAccept',
    danger: true,
    body: (v) => ({ reason: text(v.reason), suggestedChannel: text(v.suggestedChannel) }),
  },
  {
    name: 'dispatch',
    ability: 'dispatch',
    path: 'dispatch',
    label: 'opinions.action.dispatch',
    primary: true,
    body: (v) => {
      const lead = Number(v.leadDepartmentId);
      const co = Array.isArray(v.coDepartmentIds) ? v.coDepartmentIds.map(Number) : [];
      return { leadDepartmentId: lead, coDepartmentIds: co.filter((d) => d !== lead) };
    },
  },
  {
    name: 'sign',
    ability: 'sign',
    path: 'sign',
    label: 'opinions.action.sign',
    primary: true,
    body: () => ({}),
  },
  {
    name: 'bounce',
    ability: 'bounce',
    path: 'bounce',
    label: 'opinions.action.bounce',
    danger: true,
    body: (v) => ({ reason: text(v.reason) }),
  },
  {
    name: 'ask',
    ability: 'ask',
    path: 'ask',
    label: 'opinions.action.ask',
    body: (v) => ({ body: text(v.body) }),
  },
  {
    name: 'reply',
    ability: 'reply',
    path: 'reply',
    label: 'opinions.action.reply',
    primary: true,
    body: (v) => ({ body: text(v.body) }),
  },
  {
    name: 'extension',
    ability: 'requestExtension',
    path: 'extension',
    label: 'opinions.action.extension',
    body: (v) => ({ days: Number(v.days), reason: text(v.reason) }),
  },
  {
    name: 'decision',
    ability: 'decideExtension',
    path: 'extension/decision',
    label: 'opinions.action.decision',
    body: (v) => ({ approve: v.approve !== false, reason: optionalText(v.reason) }),
  },
  {
    name: 'merge',
    ability: 'merge',
    path: 'merge',
    label: 'opinions.action.merge',
    body: (v) => ({ intoId: text(v.intoId) }),
  },
  {
    name: 'publish',
    ability: 'publish',
    path: 'publish',
    label: 'opinions.action.publish',
    body: (v) => ({
      publicTitle: text(v.publicTitle),
      publicContent: text(v.publicContent),
      publicReply: text(v.publicReply),
    }),
  },
];

/**
 * A handler's view carries the handling abilities (true or false); the submitter's own view only
 * `answer` and `rate`.
 */
export function isHandlerView(o: { abilities: OpinionAbilities }): boolean {
  return ACTIONS.some((a) => a.ability in o.abilities);
}
