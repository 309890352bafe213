import type { Case, Ctx } from './types.js';

/**
 * The deadlines service's routes in the authorization matrix. The matrix unit has no deadlines:
 * an allowed caller reaches the record lookup and gets 404; everyone else 403 before it.
 */
export function deadlinesCases(_c: Ctx): Case[] {
  return [
    {
      route: 'GET /api/deadlines/board',
      method: 'GET',
      url: '/api/deadlines/board',
      who: ['office', 'leader', 'supervisor'],
    },
    {
      route: 'POST /api/deadlines/:id/extension',
      method: 'POST',
      url: '/api/deadlines/999999/extension',
      who: ['office', 'department_head'],
      ok: [404],
      body: () => ({ days: 1, reason: '测试' }),
    },
    {
      route: 'POST /api/deadlines/:id/extension/decision',
      method: 'POST',
      url: '/api/deadlines/999999/extension/decision',
      who: ['office'],
      ok: [404],
      body: () => ({ approve: true }),
    },
  ];
}
