import { isPartyMember, type Role } from '@lianxin/common';
import type { Actor } from '../actor.js';
import {
  adminAccountAbilities,
  departmentAbilities,
  maskPhone,
  personAbilities,
} from './policy.js';

/** Presenters: rows in, whitelisted responses out. */

export function presentDepartment(
  actor: Actor,
  d: {
    id: number;
    parent_id: number | null;
    name: string;
    path: string;
    sort: number;
    active: number;
    people_count?: number | string | null;
  },
) {
  return {
    id: d.id,
    parentId: d.parent_id,
    name: d.name,
    path: d.path,
    sort: d.sort,
    active: d.active === 1,
    peopleCount: Number(d.people_count ?? 0),
    abilities: departmentAbilities(actor),
  };
}

export function presentPerson(
  actor: Actor,
  p: {
    id: number;
    staff_no: string;
    name: string;
    department_id: number;
    department_path: string;
    position: string | null;
    phone: string | null;
    political_status: string | null;
    congress_delegate: number;
    active: number;
    account_id: number | null;
    locked_until: string | null;
    roles: Role[];
  },
) {
  const abilities = personAbilities(actor, { accountId: p.account_id, roles: p.roles });
  return {
    id: p.id,
    staffNo: p.staff_no,
    name: p.name,
    departmentId: p.department_id,
    departmentPath: p.department_path,
    position: p.position,
    phone: abilities.seePhone ? p.phone : maskPhone(p.phone),
    politicalStatus: p.political_status,
    partyMember: isPartyMember(p.political_status),
    congressDelegate: p.congress_delegate === 1,
    active: p.active === 1,
    accountId: p.account_id,
    locked: !!p.locked_until && new Date(p.locked_until).getTime() > Date.now(),
    roles: p.roles,
    abilities,
  };
}

export function presentAdminAccount(
  actor: Actor,
  a: {
    id: number;
    username: string;
    display_name: string;
    role: string;
    active: number;
    locked_until: string | null;
  },
) {
  return {
    id: a.id,
    username: a.username,
    name: a.display_name,
    role: a.role,
    active: a.active === 1,
    locked: !!a.locked_until && new Date(a.locked_until).getTime() > Date.now(),
    abilities: adminAccountAbilities(actor, { accountId: a.id }),
  };
}
