import type { Role } from '@lianxin/common';

/** Who is acting: built from the session on every request, passed to policies and commands. */
export interface Actor {
  accountId: number;
  unitId: number;
  personId: number | null;
  username: string;
  name: string;
  roles: readonly Role[];
  /** The person's department (department heads act for it and its sub-departments). */
  departmentId: number | null;
  sessionId: string | null;
}

export function hasRole(actor: Actor | null | undefined, ...roles: Role[]): boolean {
  return !!actor && roles.some((r) => actor.roles.includes(r));
}

/** The label the audit trail records for an actor. */
export function actorLabel(actor: Pick<Actor, 'name' | 'username'>): string {
  return `${actor.name}（${actor.username}）`;
}

/** The actor used by command-line tools and first-run seeding. */
export function systemActor(unitId: number): Actor {
  return {
    accountId: 0,
    unitId,
    personId: null,
    username: 'system',
    name: '系统',
    roles: [],
    departmentId: null,
    sessionId: null,
  };
}
