import { CONTENT_ROLES } from '@lianxin/common';
import type { Case, Ctx } from './types.js';

const STAFF = [...CONTENT_ROLES];
/** A notice id and an objection id that exist nowhere: allowed callers reach the lookup (404). */
const NO_NOTICE = 999999;
const NO_OBJECTION = 'Z'.repeat(22);

/**
 * The notices routes in the authorization matrix. Scope (a notice of other departments → 404)
 * and another unit's records (→ 404 for everyone) are exercised with real records in
 * server/src/modules/notices/notices.test.ts ("scope and other units").
 */
export function noticesCases(c: Ctx): Case[] {
  const office = (method: string, path: string, body?: (x: Ctx) => unknown, ok = [404]): Case => ({
    route: `${method} /api/notices/:id${path}`,
    method,
    url: `/api/notices/${NO_NOTICE}${path}`,
    who: ['office'],
    ok,
    ...(body ? { body } : {}),
  });
  const reader = (path: string): Case => ({
    route: `GET /api/notices/:id${path.replace(/\/1$/, '/:version')}`,
    method: 'GET',
    url: `/api/notices/${NO_NOTICE}${path}`,
    who: STAFF,
    ok: [404],
  });
  const input = (x: Ctx) => ({
    type: 'title',
    title: `职称评审推荐人选公示 ${x.seq}`,
    body: '现将推荐人选公示如下。',
    items: [{ name: '王建国', detail: '拟推荐 主任医师' }],
    scope: { wholeUnit: false, departmentIds: [c.unit.departments.internal] },
    attachmentIds: [],
  });
  return [
    { route: 'GET /api/notices/types', method: 'GET', url: '/api/notices/types', who: STAFF },
    { route: 'GET /api/notices', method: 'GET', url: '/api/notices?year=2026', who: STAFF },
    {
      route: 'GET /api/notices/unread-count',
      method: 'GET',
      url: '/api/notices/unread-count',
      who: STAFF,
    },
    {
      route: 'POST /api/notices',
      method: 'POST',
      url: '/api/notices',
      who: ['office'],
      body: input,
    },
    office('PUT', '', input),
    office('POST', '/submit-review'),
    office('POST', '/review', () => ({ approve: true })),
    office('POST', '/corrections', () => ({
      reason: '更正笔误',
      title: '公示',
      body: '正文',
      items: [],
      attachmentIds: [],
    })),
    reader(''),
    reader('/versions/1'),
    reader('/verify'),
    office('GET', '/reads'),
    {
      route: 'POST /api/notices/:id/objections',
      method: 'POST',
      url: `/api/notices/${NO_NOTICE}/objections`,
      who: STAFF,
      ok: [404],
      body: () => ({ itemId: 1, reasons: '材料不实', anonymous: false, attachmentIds: [] }),
    },
    office('GET', '/objections'),
    {
      route: 'GET /api/notices/objections/mine',
      method: 'GET',
      url: '/api/notices/objections/mine',
      who: STAFF,
    },
    {
      // Public: a wrong code is 404 for everyone (and guessing is rate-limited).
      route: 'POST /api/notices/objections/track',
      method: 'POST',
      url: '/api/notices/objections/track',
      who: 'public',
      ok: [404, 429],
      body: () => ({ receiptCode: '1234 5678 9012 3456' }),
    },
    {
      route: 'POST /api/notices/objections/:id/finding',
      method: 'POST',
      url: `/api/notices/objections/${NO_OBJECTION}/finding`,
      who: ['office'],
      ok: [404],
      body: () => ({ finding: 'not_upheld', explanation: '经核实材料属实', itemAction: 'none' }),
    },
    office('POST', '/close', () => ({})),
    {
      route: 'GET /api/notices/export.xlsx',
      method: 'GET',
      url: '/api/notices/export.xlsx?year=2026',
      who: ['office'],
    },
    office('GET', '/export.xlsx'),
  ];
}
