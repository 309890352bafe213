import type { Case, Ctx } from './types.js';

/** The surveys-results routes in the authorization matrix (owned by that part of the module). */
export function surveysResultsCases(_c: Ctx): Case[] {
  // A survey id that exists nowhere: the roles that may see results reach the lookup (404);
  // the others are refused before it (403).
  const id = 999_999;
  return [
    {
      route: 'GET /api/surveys/:id/results',
      method: 'GET',
      url: `/api/surveys/${id}/results?by=department`,
      who: ['office', 'department_head', 'leader'],
      ok: [404],
    },
    {
      route: 'GET /api/surveys/:id/results.xlsx',
      method: 'GET',
      url: `/api/surveys/${id}/results.xlsx`,
      who: ['office', 'department_head', 'leader'],
      ok: [404],
    },
  ];
}
