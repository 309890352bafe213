import type { Case, Ctx } from './types.js';

/** The issue pool's routes in the authorization matrix. */
export function poolCases(_c: Ctx): Case[] {
  return [
    { route: 'GET /api/pool', method: 'GET', url: '/api/pool', who: ['office', 'leader'] },
    {
      route: 'POST /api/pool',
      method: 'POST',
      url: '/api/pool',
      who: ['office'],
      body: (x) => ({
        title: `食堂排队时间长 ${x.seq}`,
        peopleAffected: 30,
        urgency: 3,
        feasibility: 4,
      }),
    },
    {
      // An entry id that does not exist in this unit: the office gets 404, others 403.
      route: 'PATCH /api/pool/:id',
      method: 'PATCH',
      url: '/api/pool/999999',
      who: ['office'],
      ok: [404],
      body: () => ({ urgency: 4 }),
    },
    {
      route: 'PUT /api/pool/weights',
      method: 'PUT',
      url: '/api/pool/weights',
      who: ['office'],
      body: () => ({ peopleAffected: 1, meToo: 1, repeats: 0.5, urgency: 1, feasibility: 0.5 }),
    },
  ];
}
