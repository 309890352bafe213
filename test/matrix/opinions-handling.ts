import type { Role } from '@lianxin/common';
import { ALL_SIGNED_IN, type Case, type Ctx } from './types.js';

/** The opinion box's routes for the office's and departments' handling: accept, dispatch, sign, bounce, ask, reply, extend, merge, publish, in the authorization matrix. */
export function opinionHandlingCases(c: Ctx): Case[] {
  const handlers: Role[] = ['office', 'department_head'];
  // An id of the right shape that exists nowhere: allowed callers reach the command and get 404.
  const id = 'Z'.repeat(22);
  const action = (path: string, body?: () => unknown): Case => ({
    route: `POST /api/opinions/:id/${path}`,
    method: 'POST',
    url: `/api/opinions/${id}/${path}`,
    who: handlers,
    ok: [404],
    ...(body ? { body } : {}),
  });
  return [
    {
      route: 'GET /api/opinions/inbox',
      method: 'GET',
      url: '/api/opinions/inbox?status=submitted',
      who: handlers,
    },
    {
      // The named submitter may read their own item: every signed-in person reaches the lookup.
      route: 'GET /api/opinions/:id',
      method: 'GET',
      url: `/api/opinions/${id}`,
      who: ALL_SIGNED_IN,
      ok: [404],
    },
    action('accept'),
    action('not-accept', () => ({ reason: '不属于受理范围', suggestedChannel: '信访办' })),
    action('dispatch', () => ({ leadDepartmentId: c.unit.departments.cardiology })),
    action('sign'),
    action('bounce', () => ({ reason: '不属于本部门' })),
    action('ask', () => ({ body: '请补充时间地点' })),
    action('reply', () => ({ body: '已处理' })),
    action('extension', () => ({ days: 2, reason: '需要调查' })),
    action('extension/decision', () => ({ approve: true })),
    action('merge', () => ({ intoId: 'Y'.repeat(22) })),
    action('publish', () => ({ publicTitle: 't', publicContent: 'c', publicReply: 'r' })),
  ];
}
