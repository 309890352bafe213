import type { Case, Ctx } from './types.js';

/** The surveys-text routes in the authorization matrix (owned by that part of the module). */
export function surveysTextCases(_c: Ctx): Case[] {
  // A survey id that exists nowhere: those who may build surveys reach the lookup and get 404.
  const missing = 999_999;
  return [
    {
      route: 'POST /api/surveys/import-text',
      method: 'POST',
      url: '/api/surveys/import-text',
      who: ['office', 'department_head'],
      body: () => ({ text: '职工满意度调查\n1. 您所在的科室类型是？[单选题]\nA. 临床 B. 医技\n' }),
    },
    {
      route: 'GET /api/surveys/:id/export-text',
      method: 'GET',
      url: `/api/surveys/${missing}/export-text`,
      who: ['office', 'department_head'],
      ok: [404],
    },
  ];
}
