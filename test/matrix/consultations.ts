import { CONTENT_ROLES, type Role } from '@lianxin/common';
import { addDays, todayInShanghai } from '../../server/src/core/calendar/working-days.js';
import type { Case, Ctx } from './types.js';

const STAFF = [...CONTENT_ROLES];
const DRAFTERS: Role[] = ['office', 'department_head'];
const NO_SUCH = 2_000_000_000;

/** The consultations routes in the authorization matrix (docs/consultations-design.md). */
export function consultationsCases(_c: Ctx): Case[] {
  const base = `/api/consultations/${NO_SUCH}`;
  return [
    { route: 'GET /api/consultations', method: 'GET', url: '/api/consultations', who: STAFF },
    {
      route: 'POST /api/consultations/preview',
      method: 'POST',
      url: '/api/consultations/preview',
      who: DRAFTERS,
      body: () => ({ text: '第一条 甲。\n第二条 乙。' }),
    },
    {
      route: 'POST /api/consultations/docx-text',
      method: 'POST',
      url: '/api/consultations/docx-text',
      who: DRAFTERS,
      ok: [404],
      body: () => ({ attachmentId: 'A'.repeat(22) }),
    },
    {
      // 心内科: the office drafts for any department, its head (王芳) for their own.
      route: 'POST /api/consultations',
      method: 'POST',
      url: '/api/consultations',
      who: DRAFTERS,
      body: (x) => ({
        title: `排班制度（征求意见稿）${x.seq}`,
        draftingDepartmentId: x.unit.departments.cardiology,
        text: '第一条 甲。\n第二条 乙。',
        audience: 'unit',
        opensOn: todayInShanghai(),
        closesOn: addDays(todayInShanghai(), 7),
      }),
    },
    { route: 'GET /api/consultations/:id', method: 'GET', url: base, who: STAFF, ok: [404] },
    {
      route: 'GET /api/consultations/:id/report',
      method: 'GET',
      url: `${base}/report`,
      who: STAFF,
      ok: [404],
    },
    {
      route: 'POST /api/consultations/:id/sections/:sectionId/stance',
      method: 'POST',
      url: `${base}/sections/1/stance`,
      who: STAFF,
      ok: [404],
      body: () => ({ stance: 'agree' }),
    },
    {
      route: 'POST /api/consultations/:id/sections/:sectionId/comments',
      method: 'POST',
      url: `${base}/sections/1/comments`,
      who: STAFF,
      ok: [404],
      body: () => ({ body: '建议明确适用范围。' }),
    },
    {
      route: 'POST /api/consultations/:id/comments/:commentId/answer',
      method: 'POST',
      url: `${base}/comments/1/answer`,
      who: DRAFTERS,
      ok: [404],
      body: () => ({ answer: 'adopted' }),
    },
    {
      route: 'POST /api/consultations/:id/close',
      method: 'POST',
      url: `${base}/close`,
      who: DRAFTERS,
      ok: [404],
    },
    {
      route: 'POST /api/consultations/:id/report',
      method: 'POST',
      url: `${base}/report`,
      who: DRAFTERS,
      ok: [404],
    },
  ];
}
