import { hasRole, type Actor } from '../actor.js';

/**
 * Attachments: one line per rule, deny by default. Anyone holding a content role may upload
 * (the three administrators handle no content). An upload not yet attached is seen by its
 * uploader only, and an anonymous one by nobody; once attached, the record's own policy
 * decides (registry.ts).
 */
export const filesPolicy = {
  upload: (a: Actor) =>
    hasRole(a, 'staff', 'department_head', 'leader', 'office', 'motion_committee', 'supervisor'),
  readUnattached: (a: Actor, att: { uploaded_by: number | null }) =>
    att.uploaded_by !== null && att.uploaded_by === a.accountId,
};
