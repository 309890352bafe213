import { ALL_SIGNED_IN, type Case, type Ctx } from './types.js';
import type { Role } from '@lianxin/common';

/** The foundation's routes. */
export function coreCases(c: Ctx): Case[] {
  const other = c.unit.other;
  const list: Case[] = [
    { route: 'GET /api/health', method: 'GET', url: '/api/health', who: 'public' },
    { route: 'GET /api/openapi.json', method: 'GET', url: '/api/openapi.json', who: 'public' },
    { route: 'GET /api/setup/status', method: 'GET', url: '/api/setup/status', who: 'public' },
    {
      route: 'POST /api/setup',
      method: 'POST',
      url: '/api/setup',
      who: 'public',
      ok: [409],
      body: () => ({
        token: 'x'.repeat(20),
        unitName: '另一单位',
        unitCode: 'other',
        username: 'intruder',
        name: '某人',
        password: 'Very-Strong-Pass-9',
      }),
    },
    {
      route: 'POST /api/auth/login',
      method: 'POST',
      url: '/api/auth/login',
      who: 'public',
      ok: [401],
      body: () => ({ username: other.username, password: 'Wrong-Password-1' }),
    },
    { route: 'POST /api/auth/logout', method: 'POST', url: '/api/auth/logout', who: 'public' },
    { route: 'GET /api/auth/me', method: 'GET', url: '/api/auth/me', who: ALL_SIGNED_IN },
    {
      route: 'POST /api/auth/change-password',
      method: 'POST',
      url: '/api/auth/change-password',
      who: ALL_SIGNED_IN,
      ok: [400],
      body: () => ({ currentPassword: 'not-my-password', newPassword: 'Another-Strong-1' }),
    },
    {
      route: 'GET /api/auth/sessions',
      method: 'GET',
      url: '/api/auth/sessions',
      who: ALL_SIGNED_IN,
    },
    {
      // Someone else's session: nobody can end it.
      route: 'POST /api/auth/sessions/:id/end',
      method: 'POST',
      url: `/api/auth/sessions/${'ab'.repeat(16)}/end`,
      who: ALL_SIGNED_IN,
      ok: [404],
    },
    {
      route: 'GET /api/org/departments',
      method: 'GET',
      url: '/api/org/departments',
      who: ALL_SIGNED_IN,
    },
    {
      route: 'POST /api/org/departments',
      method: 'POST',
      url: '/api/org/departments',
      who: ['office', 'system_admin'],
      body: (x) => ({ name: `新科室${x.seq}`, parentId: x.unit.departments.surgery }),
    },
    {
      route: 'PATCH /api/org/departments/:id',
      method: 'PATCH',
      url: `/api/org/departments/${c.unit.departments.surgery}`,
      who: ['office', 'system_admin'],
      body: (x) => ({ sort: x.seq }),
    },
    {
      route: 'GET /api/org/people',
      method: 'GET',
      url: '/api/org/people',
      who: ['office', 'system_admin', 'security_admin', 'leader', 'department_head'],
    },
    {
      route: 'GET /api/org/people/:id',
      method: 'GET',
      url: `/api/org/people/${other.personId}`,
      who: ['office', 'system_admin', 'security_admin', 'leader', 'department_head'],
      outOfScope: ['department_head'],
    },
    {
      route: 'POST /api/org/people',
      method: 'POST',
      url: '/api/org/people',
      who: ['office', 'system_admin'],
      body: (x) => ({
        staffNo: `N${x.seq}`,
        name: '新同事',
        departmentId: x.unit.departments.surgery,
      }),
    },
    {
      route: 'PATCH /api/org/people/:id',
      method: 'PATCH',
      url: `/api/org/people/${other.personId}`,
      who: ['office', 'system_admin'],
      body: () => ({ position: '医师' }),
    },
    {
      route: 'PUT /api/org/people/:id/roles',
      method: 'PUT',
      url: `/api/org/people/${other.personId}/roles`,
      who: ['office', 'security_admin', 'system_admin'],
      body: () => ({ roles: ['staff'] }),
    },
    {
      route: 'POST /api/org/accounts/:id/reset-password',
      method: 'POST',
      url: `/api/org/accounts/${other.accountId}/reset-password`,
      who: ['system_admin'],
    },
    {
      route: 'POST /api/org/accounts/:id/unlock',
      method: 'POST',
      url: `/api/org/accounts/${other.accountId}/unlock`,
      who: ['system_admin', 'security_admin'],
    },
    {
      route: 'GET /api/org/admin-accounts',
      method: 'GET',
      url: '/api/org/admin-accounts',
      who: ['system_admin', 'security_admin'],
    },
    {
      route: 'POST /api/org/admin-accounts',
      method: 'POST',
      url: '/api/org/admin-accounts',
      who: ['system_admin'],
      body: (x) => ({ username: `auditor${x.seq}`, name: '审计员', role: 'audit_admin' }),
    },
    {
      route: 'PUT /api/org/admin-accounts/:id/role',
      method: 'PUT',
      url: `/api/org/admin-accounts/${c.unit.spareAdmin.accountId}/role`,
      who: ['security_admin'],
      body: () => ({ role: 'audit_admin' }),
    },
    {
      route: 'POST /api/roster/imports',
      method: 'POST',
      url: '/api/roster/imports',
      who: ['office', 'system_admin'],
      ok: [202],
      multipart: true,
    },
    {
      route: 'GET /api/roster/imports',
      method: 'GET',
      url: '/api/roster/imports',
      who: ['office', 'system_admin'],
    },
    {
      route: 'GET /api/roster/imports/:id',
      method: 'GET',
      url: '/api/roster/imports/999999',
      who: ['office', 'system_admin'],
      ok: [404],
    },
    {
      route: 'GET /api/roster/template.xlsx',
      method: 'GET',
      url: '/api/roster/template.xlsx',
      who: ['office', 'system_admin'],
    },
    { route: 'GET /api/audit', method: 'GET', url: '/api/audit', who: ['audit_admin'] },
    {
      route: 'GET /api/audit/actions',
      method: 'GET',
      url: '/api/audit/actions',
      who: ['audit_admin'],
    },
    {
      route: 'GET /api/audit/verify',
      method: 'GET',
      url: '/api/audit/verify',
      who: ['audit_admin'],
    },
  ];
  // The same id routes with a record of ANOTHER unit: never reachable, whoever asks.
  const foreign = c.second;
  list.push(
    ...[
      [
        'PATCH /api/org/departments/:id',
        'PATCH',
        `/api/org/departments/${foreign.departments.surgery}`,
        { sort: 1 },
      ],
      ['GET /api/org/people/:id', 'GET', `/api/org/people/${foreign.other.personId}`, undefined],
      [
        'PATCH /api/org/people/:id',
        'PATCH',
        `/api/org/people/${foreign.other.personId}`,
        { position: 'x' },
      ],
      [
        'PUT /api/org/people/:id/roles',
        'PUT',
        `/api/org/people/${foreign.other.personId}/roles`,
        { roles: ['staff'] },
      ],
      [
        'POST /api/org/accounts/:id/reset-password',
        'POST',
        `/api/org/accounts/${foreign.other.accountId}/reset-password`,
        undefined,
      ],
      [
        'POST /api/org/accounts/:id/unlock',
        'POST',
        `/api/org/accounts/${foreign.other.accountId}/unlock`,
        undefined,
      ],
      [
        'PUT /api/org/admin-accounts/:id/role',
        'PUT',
        `/api/org/admin-accounts/${foreign.users.audit_admin.accountId}/role`,
        { role: 'audit_admin' },
      ],
    ].map(([route, method, url, body]) => ({
      route: `${route as string} (another unit)`,
      method: method as string,
      url: url as string,
      who: [] as Role[],
      foreignOk: true,
      body: body === undefined ? undefined : () => body,
    })),
  );
  return list;
}
