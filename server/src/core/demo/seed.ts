import type { ContentRole } from '@lianxin/common';
import type { Database } from '../../db/database.js';
import { runCommand } from '../command.js';
import { systemActor } from '../actor.js';
import { hashPassword } from '../auth/passwords.js';
import * as org from '../org/repository.js';
import { registerPoolEntry } from '../pool/commands.js';
import { createDeadline } from '../deadlines/service.js';
import { addDays, todayInShanghai } from '../calendar/working-days.js';
import { DEMO_ADMINS, DEMO_POOL, DEMO_UNIT, FEATURED, generateDemo } from './generator.js';

export interface DemoLogin {
  role: string;
  username: string;
  name: string;
  department: string | null;
}

/**
 * Create 示范医院 with its departments, people, accounts and roles in one transaction.
 * Every demo account shares the demo password (hashed once) and is marked `is_demo`, so it
 * skips the forced first-login change.
 */
export async function seedDemo(database: Database, password: string): Promise<number> {
  const data = generateDemo();
  const hash = await hashPassword(password);
  const now = new Date().toISOString();
  const unitId = await org.insertUnit(database.db, { ...DEMO_UNIT, now });
  const ctx = { database, actor: systemActor(unitId) };
  await runCommand(ctx, async (tx, audit) => {
    const ids = new Map<string, number>();
    for (const d of data.departments) {
      const parentId = d.parentPath ? ids.get(d.parentPath)! : null;
      ids.set(
        d.path,
        await org.insertDepartment(tx, { unitId, parentId, name: d.name, path: d.path, now }),
      );
    }
    for (const p of data.people) {
      const personId = await org.insertPerson(
        tx,
        unitId,
        {
          staff_no: p.staffNo,
          name: p.name,
          department_id: ids.get(p.departmentPath)!,
          position: p.position,
          phone: p.phone,
          political_status: p.politicalStatus,
          congress_delegate: p.congressDelegate ? 1 : 0,
        },
        now,
        true,
      );
      const accountId = await org.insertAccount(tx, {
        unitId,
        personId,
        username: p.staffNo,
        displayName: p.name,
        passwordHash: hash,
        mustChange: false,
        isDemo: true,
        now,
      });
      await org.replaceRoles(tx, unitId, accountId, p.roles, now);
    }
    for (const a of DEMO_ADMINS) {
      const accountId = await org.insertAccount(tx, {
        unitId,
        personId: null,
        username: a.username,
        displayName: a.name,
        passwordHash: hash,
        mustChange: false,
        isDemo: true,
        now,
      });
      await org.replaceRoles(tx, unitId, accountId, [a.role], now);
    }
    // A few matters the office has recorded, so the issue pool is not empty on first look;
    // some are being handled under a deadline, so the supervision board shows late and near ones.
    const leader = await org.findAccountByUsername(tx, unitId, FEATURED.leader.staffNo);
    for (const [i, m] of DEMO_POOL.entries()) {
      const poolId = await registerPoolEntry(tx, {
        unitId,
        sourceKind: 'manual',
        sourceId: `demo-${i + 1}`,
        title: m.title,
        category: m.category,
        departmentId: m.department ? ids.get(m.department)! : null,
        peopleAffected: m.people,
        urgency: m.urgency,
        feasibility: m.feasibility,
      });
      if (m.deadline && m.department) {
        await createDeadline(tx, ctx, audit, {
          subject: { type: 'pool_entry', id: poolId },
          title: m.title,
          departmentId: ids.get(m.department)!,
          leaderAccountId: leader?.id ?? null,
          startDate: addDays(todayInShanghai(), -m.deadline.startedDaysAgo),
          workingDays: m.deadline.workingDays,
        });
      }
    }
    await audit(
      'unit.created',
      { type: 'unit', id: unitId },
      {
        demo: true,
        departments: data.departments.length,
        people: data.people.length,
      },
    );
  });
  return unitId;
}

/** One login per role, from the deterministic generator, checked against the database. */
export async function demoLogins(database: Database): Promise<DemoLogin[]> {
  const unit = await org.findUnitByCode(database.db, DEMO_UNIT.code);
  if (!unit) return [];
  const data = generateDemo();
  const out: DemoLogin[] = [];
  for (const [role, f] of Object.entries(FEATURED) as Array<[ContentRole, { staffNo: string }]>) {
    const p = data.people.find((x) => x.staffNo === f.staffNo)!;
    const account = await org.findAccountByUsername(database.db, unit.id, p.staffNo);
    if (account?.is_demo)
      out.push({ role, username: p.staffNo, name: p.name, department: p.departmentPath });
  }
  for (const a of DEMO_ADMINS) {
    const account = await org.findAccountByUsername(database.db, unit.id, a.username);
    if (account?.is_demo)
      out.push({ role: a.role, username: a.username, name: a.name, department: null });
  }
  return out;
}
