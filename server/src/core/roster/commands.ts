import { performance } from 'node:perf_hooks';
import type { Role } from '@lianxin/common';
import { nowIso, type Queryable } from '../../db/database.js';
import { runCommand, type CommandContext } from '../command.js';
import * as org from '../org/repository.js';
import { parseRoster, RosterFileError } from './parse.js';
import { planImport, type ExistingState, type ImportPlan } from './plan.js';
import {
  clearLiveProgress,
  setLiveProgress,
  type ImportPhase,
  type ImportProgress,
} from './progress.js';
import * as repo from './repository.js';
import { validateRoster, type RosterPerson } from './validate.js';

export interface RosterImportOptions {
  fileName: string;
  dryRun: boolean;
  deactivateMissing: boolean;
}

export interface RosterImportInput extends RosterImportOptions {
  buffer: Buffer;
  onProgress?: (p: ImportProgress) => void;
}

export interface RosterImportReport extends repo.ImportOutcome {
  id: number;
  dryRun: boolean;
  /** Departments created (or, in a dry run, that would be), parents first. */
  departmentPaths: string[];
  /** Wall time of each phase, for the benchmark and the command line. */
  timings: { parseMs: number; validateMs: number; writeMs: number };
}

/** An import still `running` after this long belonged to a process that died. */
const STALE_AFTER_MS = 15 * 60_000;

/** Record a new import (status running) and answer its id; the work is `runRosterImport`. */
export async function beginRosterImport(
  ctx: CommandContext,
  opts: RosterImportOptions,
): Promise<number> {
  const { database, actor } = ctx;
  const now = nowIso();
  await repo.failStaleImports(
    database.db,
    actor.unitId,
    new Date(Date.now() - STALE_AFTER_MS).toISOString(),
    now,
  );
  return repo.insertImport(database.db, {
    unitId: actor.unitId,
    accountId: actor.accountId || null,
    fileName: cleanFileName(opts.fileName),
    dryRun: opts.dryRun,
    deactivateMissing: opts.deactivateMissing,
    now,
  });
}

/** Begin and run an import to its end (the command line's way). */
export async function importRoster(
  ctx: CommandContext,
  input: RosterImportInput,
): Promise<RosterImportReport> {
  const id = await beginRosterImport(ctx, input);
  return runRosterImport(ctx, id, input);
}

/**
 * Parse, check, and (unless a dry run) write a roster. A bad file is `rejected` with every
 * problem and changes nothing; a real run writes everything in one transaction, with one audit
 * entry, or nothing at all. An unexpected failure marks the import `failed` and is rethrown.
 */
export async function runRosterImport(
  ctx: CommandContext,
  importId: number,
  input: RosterImportInput,
): Promise<RosterImportReport> {
  const { database, actor } = ctx;
  const timings = { parseMs: 0, validateMs: 0, writeMs: 0 };
  let totalRows = 0;
  const progress = (phase: ImportPhase, processedRows: number) => {
    const p = { phase, processedRows, totalRows };
    setLiveProgress(database, importId, p);
    input.onProgress?.(p);
  };
  const finish = async (
    outcome: repo.ImportOutcome,
    departmentPaths: string[] = [],
    db: Queryable = database.db,
  ) => {
    await repo.finishImport(db, importId, outcome, nowIso());
    return { ...outcome, id: importId, dryRun: input.dryRun, departmentPaths, timings };
  };
  const empty = { created: 0, updated: 0, deactivated: 0, departmentsCreated: 0 };

  try {
    progress('parse', 0);
    let t = performance.now();
    let parsed;
    try {
      parsed = await parseRoster(input.buffer);
    } catch (err) {
      if (!(err instanceof RosterFileError)) throw err;
      timings.parseMs = performance.now() - t;
      return await finish({
        status: 'rejected',
        totalRows: 0,
        processedRows: 0,
        ...empty,
        problems: err.problems,
        errorCode: err.code,
      });
    }
    timings.parseMs = performance.now() - t;
    totalRows = parsed.rows.length;
    await repo.setImportProgress(database.db, importId, { totalRows, processedRows: 0 });

    progress('validate', 0);
    t = performance.now();
    const { people, problems } = validateRoster(parsed);
    timings.validateMs = performance.now() - t;
    progress('validate', totalRows);
    const rejected = (p: typeof problems) =>
      finish({
        status: 'rejected',
        totalRows,
        processedRows: totalRows,
        ...empty,
        problems: p,
        errorCode: 'IMPORT_ROWS_INVALID',
      });
    if (problems.length) return await rejected(problems);

    const options = {
      deactivateMissing: input.deactivateMissing,
      rolesColumn: parsed.columns.includes('roles'),
      actorPersonId: actor.personId,
    };
    const counts = (plan: ImportPlan) => ({
      created: plan.created,
      updated: plan.updated,
      deactivated: plan.deactivate.length,
      departmentsCreated: plan.departments.length,
    });

    if (input.dryRun) {
      t = performance.now();
      const state = await loadState(database.db, actor.unitId, people, options.rolesColumn);
      const plan = planImport(people, state, options);
      timings.writeMs = performance.now() - t;
      if (plan.problems.length) return await rejected(plan.problems);
      const outcome = {
        status: 'succeeded' as const,
        totalRows,
        processedRows: totalRows,
        ...counts(plan),
        problems: [],
        errorCode: null,
      };
      return await finish(
        outcome,
        plan.departments.map((d) => d.path),
      );
    }

    progress('write', 0);
    t = performance.now();
    const result = await runCommand(ctx, async (tx, audit) => {
      await repo.lockUnitForImport(tx, database.kind, actor.unitId);
      const state = await loadState(tx, actor.unitId, people, options.rolesColumn);
      const plan = planImport(people, state, options);
      if (plan.problems.length) return { plan, report: null };
      const now = nowIso();
      await applyPlan(tx, actor.unitId, plan, state, now, (written) => {
        const share = plan.writes.length ? written / plan.writes.length : 1;
        progress('write', Math.floor(totalRows * share));
      });
      const outcome = {
        status: 'succeeded' as const,
        totalRows,
        processedRows: totalRows,
        ...counts(plan),
        problems: [],
        errorCode: null,
      };
      await audit(
        'roster.imported',
        { type: 'roster_import', id: importId },
        {
          fileName: cleanFileName(input.fileName),
          totalRows,
          created: outcome.created,
          updated: outcome.updated,
          deactivated: outcome.deactivated,
          departmentsCreated: outcome.departmentsCreated,
          deactivateMissing: input.deactivateMissing,
        },
      );
      // The import's own row turns `succeeded` in the same transaction as the data it describes.
      const report = await finish(
        outcome,
        plan.departments.map((d) => d.path),
        tx,
      );
      return { plan, report };
    });
    timings.writeMs = performance.now() - t;
    if (!result.report) return await rejected(result.plan.problems);
    progress('write', totalRows);
    return { ...result.report, timings };
  } catch (err) {
    await repo
      .finishImport(
        database.db,
        importId,
        {
          status: 'failed',
          totalRows,
          processedRows: 0,
          ...empty,
          problems: [],
          errorCode: 'INTERNAL',
        },
        nowIso(),
      )
      .catch(() => undefined);
    throw err;
  } finally {
    clearLiveProgress(database, importId);
  }
}

async function loadState(
  db: Queryable,
  unitId: number,
  people: readonly RosterPerson[],
  rolesColumn: boolean,
): Promise<ExistingState> {
  const departments = await org.departmentPaths(db, unitId);
  const existing = await org.peopleWithAccounts(db, unitId);
  const accounts = await org.accountUsernames(db, unitId);
  let roles = new Map<number, Role[]>();
  if (rolesColumn) {
    const inFile = new Set(people.map((p) => p.staffNo));
    const ids = existing
      .filter((p) => p.account_id !== null && inFile.has(p.staff_no))
      .map((p) => p.account_id as number);
    roles = await org.rolesByAccount(db, ids);
  }
  const adminAccountIds = new Set((await org.listAdminAccounts(db, unitId)).map((a) => a.id));
  return { departments, people: existing, accounts, roles, adminAccountIds };
}

async function applyPlan(
  tx: Queryable,
  unitId: number,
  plan: ImportPlan,
  state: ExistingState,
  now: string,
  onWritten: (rows: number) => void,
) {
  const departmentIds = new Map(state.departments.map((d) => [d.path, d.id]));
  // Parents first: each level's ids are known before its children are inserted.
  const depthOf = (path: string) => path.split('/').length;
  const depths = [...new Set(plan.departments.map((d) => depthOf(d.path)))].sort((a, b) => a - b);
  for (const depth of depths) {
    const level = plan.departments.filter((d) => depthOf(d.path) === depth);
    const ids = await org.insertDepartments(
      tx,
      unitId,
      level.map((d) => ({
        parentId: d.parentPath === null ? null : must(departmentIds, d.parentPath),
        name: d.name,
        path: d.path,
      })),
      now,
    );
    for (const [path, id] of ids) departmentIds.set(path, id);
  }

  const personIds = await org.upsertPeople(
    tx,
    unitId,
    plan.writes.map((w) => ({
      staff_no: w.staffNo,
      name: w.name,
      department_id: must(departmentIds, w.departmentPath),
      position: w.position,
      phone: w.phone,
      political_status: w.politicalStatus,
      congress_delegate: w.congressDelegate,
      active: 1,
    })),
    now,
    onWritten,
  );

  const personOf = (a: { staffNo: string; personId: number | null }) =>
    a.personId ?? must(personIds, a.staffNo);
  const accountByPerson = await org.insertPersonAccounts(
    tx,
    unitId,
    plan.newAccounts.map((a) => ({
      personId: personOf(a),
      username: a.staffNo,
      displayName: a.name,
    })),
    now,
  );
  const newAccountByStaffNo = new Map(
    plan.newAccounts.map((a) => [a.staffNo, must(accountByPerson, personOf(a))]),
  );
  await org.syncAccountDisplayNames(tx, plan.renamedAccounts, now);
  await org.setAccountsActive(tx, plan.reactivatedAccounts, true, now);

  await org.replaceContentRolesBatch(
    tx,
    unitId,
    plan.roles
      .filter((r) => r.accountId !== null)
      .map((r) => ({ accountId: r.accountId!, roles: r.roles })),
    now,
  );
  await org.replaceContentRolesBatch(
    tx,
    unitId,
    plan.roles
      .filter((r) => r.accountId === null)
      .map((r) => ({ accountId: must(newAccountByStaffNo, r.staffNo), roles: r.roles })),
    now,
    { existingAccounts: false },
  );

  if (plan.deactivate.length) {
    // Deactivated, never deleted: their history (opinions, votes, audit) keeps its author.
    await org.setPeopleActive(
      tx,
      unitId,
      plan.deactivate.map((d) => d.personId),
      false,
      now,
    );
    const accounts = plan.deactivate.filter((d) => d.accountId !== null);
    await org.setAccountsActive(
      tx,
      accounts.filter((d) => d.accountActive).map((d) => d.accountId!),
      false,
      now,
    );
    await org.endSessionsOfAccounts(
      tx,
      accounts.map((d) => d.accountId!),
      now,
    );
  }
}

function must<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`roster import: nothing written for ${String(key)}`);
  return v;
}

/** The name a file was uploaded under, as safe text for the list: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(clean || 'roster')].slice(0, 200).join('');
}
