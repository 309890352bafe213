import type { PoliticalStatus } from '@lianxin/common';
import type { Person, PersonInput } from '../types';

/** What the person form holds (empty strings for blank fields, as inputs give them). */
export interface PersonFormValues {
  staffNo?: string;
  name: string;
  departmentId: number;
  position?: string;
  phone?: string;
  politicalStatus?: PoliticalStatus | null;
  congressDelegate?: boolean;
}

export const STAFF_NO_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** The server's rules (server/src/core/org/schemas.ts), checked before sending. */
export const PHONE_PATTERN = /^1\d{10}$/;

const blank = (v: string | undefined | null): string | null => {
  const s = v?.trim() ?? '';
  return s === '' ? null : s;
};

/** The body of `POST /api/org/people`: blank optional fields left out. */
export function createPayload(v: PersonFormValues): PersonInput {
  const out: PersonInput = {
    staffNo: v.staffNo?.trim() ?? '',
    name: v.name.trim(),
    departmentId: v.departmentId,
  };
  const position = blank(v.position);
  const phone = blank(v.phone);
  if (position) out.position = position;
  if (phone) out.phone = phone;
  if (v.politicalStatus) out.politicalStatus = v.politicalStatus;
  if (v.congressDelegate) out.congressDelegate = true;
  return out;
}

/**
 * The body of `PATCH /api/org/people/:id`: only what changed. A phone the editor cannot see is
 * shown masked, so it is sent only when a new number was typed (never the mask back).
 */
export function updatePayload(person: Person, v: PersonFormValues): PersonInput {
  const out: PersonInput = {};
  const name = v.name.trim();
  if (name !== person.name) out.name = name;
  if (v.departmentId !== person.departmentId) out.departmentId = v.departmentId;
  const position = blank(v.position);
  if (position !== (person.position ?? null)) out.position = position;
  const phone = blank(v.phone);
  if (person.abilities.seePhone) {
    if (phone !== (person.phone ?? null)) out.phone = phone;
  } else if (phone) {
    out.phone = phone;
  }
  const status = v.politicalStatus ?? null;
  if (status !== (person.politicalStatus ?? null)) out.politicalStatus = status;
  const delegate = v.congressDelegate === true;
  if (delegate !== person.congressDelegate) out.congressDelegate = delegate;
  return out;
}

/** The form's starting values for a person (the phone only when the editor may see it). */
export function formValuesOf(person: Person): PersonFormValues {
  return {
    staffNo: person.staffNo,
    name: person.name,
    departmentId: person.departmentId,
    position: person.position ?? '',
    phone: person.abilities.seePhone ? (person.phone ?? '') : '',
    politicalStatus: person.politicalStatus,
    congressDelegate: person.congressDelegate,
  };
}
