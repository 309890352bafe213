import { CONTENT_ROLES } from '@lianxin/common';
import type { Case, Ctx } from './types.js';

const STAFF = [...CONTENT_ROLES];
const NO_SUCH = '0000000000000000000000';

/** The opinion box's routes for submitting, tracking with a receipt, answering, rating, the public wall, in the authorization matrix. */
export function opinionStaffCases(_c: Ctx): Case[] {
  return [
    {
      route: 'POST /api/opinions',
      method: 'POST',
      url: '/api/opinions',
      who: STAFF,
      body: (x) => ({
        kind: 'suggestion',
        title: `食堂排队 ${x.seq}`,
        content: '午餐排队时间太长，建议增加窗口。',
        anonymous: x.seq % 2 === 0,
      }),
    },
    { route: 'GET /api/opinions/mine', method: 'GET', url: '/api/opinions/mine', who: STAFF },
    { route: 'GET /api/opinions/wall', method: 'GET', url: '/api/opinions/wall', who: STAFF },
    {
      // Public: a wrong code is 404 for everyone (and guessing is rate-limited).
      route: 'POST /api/opinions/track',
      method: 'POST',
      url: '/api/opinions/track',
      who: 'public',
      ok: [404, 429],
      body: () => ({ receiptCode: '1234 5678 9012 3456' }),
    },
    {
      route: 'POST /api/opinions/track/answer',
      method: 'POST',
      url: '/api/opinions/track/answer',
      who: 'public',
      ok: [404, 429],
      body: () => ({ receiptCode: '1234 5678 9012 3456', body: '补充说明' }),
    },
    {
      route: 'POST /api/opinions/track/rate',
      method: 'POST',
      url: '/api/opinions/track/rate',
      who: 'public',
      ok: [404, 429],
      body: () => ({
        receiptCode: '1234 5678 9012 3456',
        satisfaction: 'satisfied',
        solved: 'solved',
      }),
    },
    {
      route: 'POST /api/opinions/:id/me-too',
      method: 'POST',
      url: `/api/opinions/${NO_SUCH}/me-too`,
      who: STAFF,
      ok: [404],
    },
    {
      route: 'POST /api/opinions/:id/answer',
      method: 'POST',
      url: `/api/opinions/${NO_SUCH}/answer`,
      who: STAFF,
      ok: [404],
      body: () => ({ body: '补充说明' }),
    },
    {
      route: 'POST /api/opinions/:id/rate',
      method: 'POST',
      url: `/api/opinions/${NO_SUCH}/rate`,
      who: STAFF,
      ok: [404],
      body: () => ({ satisfaction: 'satisfied', solved: 'solved' }),
    },
  ];
}
