import { CONTENT_ROLES } from '@lianxin/common';
import type { Case, Ctx } from './types.js';

const STAFF = [...CONTENT_ROLES];
const BUILDERS = ['office', 'department_head'] as const;
const NO_SUCH = 999999;

const survey = (c: Ctx) => ({
  title: `满意度调查 ${c.seq}`,
  description: '',
  anonymous: true,
  audience: { departmentIds: [], roles: [] },
  opensAt: null,
  closesAt: null,
  questions: [{ id: 'q1', type: 'single', title: '是否满意', options: ['是', '否'] }],
});

/** The surveys' builder and answering routes in the authorization matrix. */
export function surveysCases(_c: Ctx): Case[] {
  return [
    { route: 'GET /api/surveys', method: 'GET', url: '/api/surveys', who: STAFF },
    {
      route: 'POST /api/surveys',
      method: 'POST',
      url: '/api/surveys',
      who: [...BUILDERS],
      body: survey,
    },
    {
      route: 'GET /api/surveys/:id',
      method: 'GET',
      url: `/api/surveys/${NO_SUCH}`,
      who: STAFF,
      ok: [404],
    },
    {
      route: 'PUT /api/surveys/:id',
      method: 'PUT',
      url: `/api/surveys/${NO_SUCH}`,
      who: [...BUILDERS],
      ok: [404],
      body: survey,
    },
    ...(['open', 'close', 'remind'] as const).map((action): Case => ({
      route: `POST /api/surveys/:id/${action}`,
      method: 'POST',
      url: `/api/surveys/${NO_SUCH}/${action}`,
      who: [...BUILDERS],
      ok: [404],
    })),
    {
      route: 'PUT /api/surveys/:id/draft',
      method: 'PUT',
      url: `/api/surveys/${NO_SUCH}/draft`,
      who: STAFF,
      ok: [404],
      body: () => ({ answers: { q1: { choice: 0 } } }),
    },
    {
      route: 'POST /api/surveys/:id/responses',
      method: 'POST',
      url: `/api/surveys/${NO_SUCH}/responses`,
      who: STAFF,
      ok: [404],
      body: () => ({ answers: { q1: { choice: 0 } } }),
    },
  ];
}
