import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import type { Actor } from '../actor.js';
import { AppError } from '../errors.js';
import { runCommand } from '../command.js';
import { errors, idParam, okSchema, typed, type RoutePlugin } from '../http.js';
import * as authCommands from '../auth/commands.js';
import * as commands from './commands.js';
import { orgPolicy, peopleScope } from './policy.js';
import { presentAdminAccount, presentDepartment, presentPerson } from './present.js';
import * as repo from './repository.js';
import * as s from './schemas.js';

/** Fail with 403 unless the policy allows. */
function allow(ok: boolean) {
  if (!ok) throw new AppError('FORBIDDEN');
}

export const orgRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });

  /** A person the actor may see, or 404 (a record outside one's scope does not exist for them). */
  async function visiblePerson(actor: Actor, id: number) {
    const person = await repo.getPerson(database.db, actor.unitId, id);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    if (peopleScope(actor) === 'department') {
      const ids = await repo.subtreeIds(database.db, actor.unitId, actor.departmentId ?? -1);
      if (!ids.includes(person.department_id)) throw new AppError('PERSON_NOT_FOUND');
    }
    return person;
  }

  /**
   * mechanisms.md: every read of a named person's sensitive data is audited. Phones are shown
   * unmasked to the office only, so those reads leave an entry naming whose records were read.
   */
  async function auditSensitiveRead(req: FastifyRequest, personIds: number[]) {
    const actor = requireActor(req);
    if (!orgPolicy.seePhone(actor) || personIds.length === 0) return;
    await runCommand(ctx(req), (_tx, audit) =>
      audit(
        'person.sensitive_read',
        { type: 'person', id: personIds.length === 1 ? personIds[0]! : 'list' },
        { personIds, fields: ['phone'] },
      ),
    );
  }

  async function personOf(actor: Actor, id: number) {
    const person = await repo.getPerson(database.db, actor.unitId, id);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    return { person: presentPerson(actor, person) };
  }

  async function accountInUnit(actor: Actor, accountId: number) {
    const row = await database.db
      .selectFrom('accounts')
      .select(['id', 'unit_id'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!row || row.unit_id !== actor.unitId) throw new AppError('ACCOUNT_NOT_FOUND');
  }

  // ---- departments ----

  app.get(
    '/org/departments',
    {
      schema: {
        tags: ['organisation'],
        response: {
          200: z.object({
            items: z.array(s.departmentSchema),
            abilities: z.object({ create: z.boolean() }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.listDepartments(actor));
      const rows = await repo.listDepartments(database.db, actor.unitId);
      return {
        items: rows.map((d) => presentDepartment(actor, d)),
        abilities: { create: orgPolicy.manageDepartments(actor) },
      };
    },
  );

  app.post(
    '/org/departments',
    {
      schema: {
        tags: ['organisation'],
        body: s.createDepartmentBody,
        response: { 200: z.object({ department: s.departmentSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.manageDepartments(actor));
      const id = await commands.createDepartment(ctx(req), req.body);
      const dep = (await repo.listDepartments(database.db, actor.unitId)).find((d) => d.id === id)!;
      return { department: presentDepartment(actor, dep) };
    },
  );

  app.patch(
    '/org/departments/:id',
    {
      schema: {
        tags: ['organisation'],
        params: idParam,
        body: s.updateDepartmentBody,
        response: { 200: z.object({ department: s.departmentSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.manageDepartments(actor));
      await commands.updateDepartment(ctx(req), req.params.id, req.body);
      const dep = (await repo.listDepartments(database.db, actor.unitId)).find(
        (d) => d.id === req.params.id,
      );
      if (!dep) throw new AppError('DEPARTMENT_NOT_FOUND');
      return { department: presentDepartment(actor, dep) };
    },
  );

  // ---- people ----

  app.get(
    '/org/people',
    {
      schema: {
        tags: ['organisation'],
        querystring: s.peopleQuery,
        response: {
          200: z.object({
            items: z.array(s.personSchema),
            total: z.number(),
            abilities: z.object({ create: z.boolean(), import: z.boolean() }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.listPeople(actor));
      const q = req.query;
      let departmentIds: number[] | undefined;
      if (q.departmentId)
        departmentIds = await repo.subtreeIds(database.db, actor.unitId, q.departmentId);
      if (peopleScope(actor) === 'department') {
        const own = await repo.subtreeIds(database.db, actor.unitId, actor.departmentId ?? -1);
        departmentIds = departmentIds ? departmentIds.filter((id) => own.includes(id)) : own;
      }
      const result = await repo.listPeople(database.db, database.kind, {
        unitId: actor.unitId,
        q: q.q || undefined,
        departmentIds,
        active: q.active === undefined ? undefined : q.active === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      await auditSensitiveRead(
        req,
        result.items.filter((p) => p.phone).map((p) => p.id),
      );
      return {
        items: result.items.map((p) => presentPerson(actor, p)),
        total: result.total,
        abilities: { create: orgPolicy.managePeople(actor), import: orgPolicy.importRoster(actor) },
      };
    },
  );

  app.get(
    '/org/people/:id',
    {
      schema: {
        tags: ['organisation'],
        params: idParam,
        response: { 200: z.object({ person: s.personSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.listPeople(actor));
      const person = await visiblePerson(actor, req.params.id);
      await auditSensitiveRead(req, [person.id]);
      return { person: presentPerson(actor, person) };
    },
  );

  app.post(
    '/org/people',
    {
      schema: {
        tags: ['organisation'],
        body: s.createPersonBody,
        response: { 200: z.object({ person: s.personSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.managePeople(actor));
      const id = await commands.createPerson(ctx(req), req.body);
      return personOf(actor, id);
    },
  );

  app.patch(
    '/org/people/:id',
    {
      schema: {
        tags: ['organisation'],
        params: idParam,
        body: s.updatePersonBody,
        response: { 200: z.object({ person: s.personSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.managePeople(actor));
      await commands.updatePerson(ctx(req), req.params.id, req.body);
      return personOf(actor, req.params.id);
    },
  );

  app.put(
    '/org/people/:id/roles',
    {
      schema: {
        tags: ['organisation'],
        params: idParam,
        body: s.rolesBody,
        response: { 200: z.object({ person: s.personSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.assignContentRoles(actor));
      await commands.assignContentRoles(ctx(req), req.params.id, req.body.roles);
      return personOf(actor, req.params.id);
    },
  );

  // ---- accounts ----

  app.post(
    '/org/accounts/:id/reset-password',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Issue a temporary password (shown once; changed at first login)',
        params: idParam,
        response: { 200: z.object({ temporaryPassword: z.string() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.resetPassword(actor, { accountId: req.params.id }));
      await accountInUnit(actor, req.params.id);
      return authCommands.resetPassword(ctx(req), req.params.id);
    },
  );

  app.post(
    '/org/accounts/:id/unlock',
    {
      schema: { tags: ['organisation'], params: idParam, response: { 200: okSchema, ...errors } },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.unlockAccount(actor));
      await authCommands.unlockAccount(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/org/admin-accounts',
    {
      schema: {
        tags: ['organisation'],
        summary: 'The separated administrators (三员)',
        response: {
          200: z.object({
            items: z.array(s.adminAccountSchema),
            abilities: z.object({ create: z.boolean(), changeRole: z.boolean() }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const canChange = actor.roles.includes('security_admin');
      allow(orgPolicy.viewAdminAccounts(actor));
      const rows = await repo.listAdminAccounts(database.db, actor.unitId);
      return {
        items: rows.map((a) => presentAdminAccount(actor, a)),
        abilities: { create: orgPolicy.manageAdminAccounts(actor), changeRole: canChange },
      };
    },
  );

  app.post(
    '/org/admin-accounts',
    {
      schema: {
        tags: ['organisation'],
        body: s.createAdminBody,
        response: {
          200: z.object({ account: s.adminAccountSchema, temporaryPassword: z.string() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(orgPolicy.manageAdminAccounts(actor));
      const { accountId, temporaryPassword } = await commands.createAdminAccount(
        ctx(req),
        req.body,
      );
      const row = (await repo.listAdminAccounts(database.db, actor.unitId)).find(
        (a) => a.id === accountId,
      )!;
      return { account: presentAdminAccount(actor, row), temporaryPassword };
    },
  );

  app.put(
    '/org/admin-accounts/:id/role',
    {
      schema: {
        tags: ['organisation'],
        params: idParam,
        body: s.adminRoleBody,
        response: { 200: z.object({ account: s.adminAccountSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (req.params.id === actor.accountId) throw new AppError('ROLE_SELF_ADMIN_CHANGE');
      allow(orgPolicy.assignAdminRole(actor, { accountId: req.params.id }));
      await commands.changeAdminRole(ctx(req), req.params.id, req.body.role);
      const row = (await repo.listAdminAccounts(database.db, actor.unitId)).find(
        (a) => a.id === req.params.id,
      );
      if (!row) throw new AppError('ACCOUNT_NOT_FOUND');
      return { account: presentAdminAccount(actor, row) };
    },
  );
};
