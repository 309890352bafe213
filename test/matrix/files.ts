import type { Case, Ctx } from './types.js';
import { ALL_SIGNED_IN } from './types.js';

/** An attachment id nobody uploaded: every reader gets 404, whoever they are. */
const UNKNOWN = 'Zz9_unknownAttachment0';

/** The files service's routes in the authorization matrix. */
export function filesCases(_c: Ctx): Case[] {
  return [
    {
      // Anyone holding a content role; the three administrators handle no content.
      route: 'POST /api/files',
      method: 'POST',
      url: '/api/files',
      who: ['staff', 'department_head', 'leader', 'office', 'motion_committee', 'supervisor'],
      multipart: true,
      ok: [201],
    },
    {
      route: 'GET /api/files/:id',
      method: 'GET',
      url: `/api/files/${UNKNOWN}`,
      who: ALL_SIGNED_IN,
      ok: [404],
    },
    {
      route: 'GET /api/files/:id/preview',
      method: 'GET',
      url: `/api/files/${UNKNOWN}/preview`,
      who: ALL_SIGNED_IN,
      ok: [404],
    },
    {
      // A kind no module registered: the registry denies by default.
      route: 'GET /api/files/records/:kind/:recordId',
      method: 'GET',
      url: '/api/files/records/nobody.registered/1',
      who: ALL_SIGNED_IN,
      ok: [404],
    },
  ];
}
