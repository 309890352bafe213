import { describe, expect, it } from 'vitest';
import { planImport, type ExistingState } from './plan.js';
import type { RosterPerson } from './validate.js';

const person = (
  row: number,
  staffNo: string,
  departmentPath: string,
  extra: Partial<RosterPerson> = {},
): RosterPerson => ({
  row,
  staffNo,
  name: `人${staffNo}`,
  departmentPath,
  position: undefined,
  phone: undefined,
  politicalStatus: undefined,
  congressDelegate: undefined,
  roles: undefined,
  ...extra,
});

const existingPerson = (
  id: number,
  staffNo: string,
  departmentId: number,
  extra: Partial<ExistingState['people'][number]> = {},
) => ({
  id,
  staff_no: staffNo,
  name: `人${staffNo}`,
  department_id: departmentId,
  position: '医师',
  phone: '13800000000',
  political_status: 'masses',
  congress_delegate: 1,
  active: 1,
  account_id: id + 100,
  account_active: 1,
  ...extra,
});

const state = (over: Partial<ExistingState> = {}): ExistingState => ({
  departments: [
    { id: 1, path: '内科', active: 1 },
    { id: 2, path: '内科/心内科', active: 1 },
    { id: 3, path: '旧科室', active: 0 },
  ],
  people: [],
  accounts: [],
  roles: new Map(),
  adminAccountIds: new Set(),
  ...over,
});

const options = { deactivateMissing: false, rolesColumn: false, actorPersonId: null };

describe('planImport', () => {
  it('creates missing departments with their ancestors, parents first, once each', () => {
    const plan = planImport(
      [
        person(2, 'A', '外科/骨科/脊柱组'),
        person(3, 'B', '外科/骨科'),
        person(4, 'C', '内科/心内科'),
        person(5, 'D', '内科/肾内科'),
      ],
      state(),
      options,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.departments).toEqual([
      { path: '外科', name: '外科', parentPath: null },
      { path: '内科/肾内科', name: '肾内科', parentPath: '内科' },
      { path: '外科/骨科', name: '骨科', parentPath: '外科' },
      { path: '外科/骨科/脊柱组', name: '脊柱组', parentPath: '外科/骨科' },
    ]);
    expect(plan.created).toBe(4);
    expect(plan.newAccounts.map((a) => a.staffNo)).toEqual(['A', 'B', 'C', 'D']);
    expect(plan.roles.every((r) => r.accountId === null && r.roles.join() === 'staff')).toBe(true);
  });

  it('refuses a department under an inactive one', () => {
    const plan = planImport([person(2, 'A', '旧科室/新组')], state(), options);
    expect(plan.problems).toEqual([
      { row: 2, column: '部门', code: 'departmentInactive', params: { path: '旧科室' } },
    ]);
  });

  it('keeps stored values for columns the file does not have, and counts only real changes', () => {
    const s = state({ people: [existingPerson(10, 'A', 2), existingPerson(11, 'B', 2)] });
    const same = planImport(
      [person(2, 'A', '内科/心内科'), person(3, 'B', '内科/心内科')],
      s,
      options,
    );
    expect(same.writes).toEqual([]);
    expect(same.updated).toBe(0);

    const moved = planImport([person(2, 'A', '内科', { phone: null })], s, options);
    expect(moved.updated).toBe(1);
    expect(moved.writes).toEqual([
      {
        staffNo: 'A',
        name: '人A',
        departmentPath: '内科',
        position: '医师',
        phone: null,
        politicalStatus: 'masses',
        congressDelegate: 1,
      },
    ]);
    expect(moved.renamedAccounts).toEqual([]);
  });

  it('reactivates people and their accounts, and renames accounts with their people', () => {
    const s = state({ people: [existingPerson(10, 'A', 2, { active: 0, account_active: 0 })] });
    const plan = planImport([person(2, 'A', '内科/心内科', { name: '新名' })], s, options);
    expect(plan.updated).toBe(1);
    expect(plan.reactivatedAccounts).toEqual([110]);
    expect(plan.renamedAccounts).toEqual([110]);
  });

  it('sets content roles exactly when the file has them, but never on an administrator account', () => {
    const s = state({
      people: [existingPerson(10, 'A', 2), existingPerson(11, 'B', 2), existingPerson(12, 'C', 2)],
      roles: new Map([
        [110, ['staff', 'leader']],
        [111, ['security_admin']],
        [112, ['office', 'staff']],
      ]),
    });
    const plan = planImport(
      [
        person(2, 'A', '内科/心内科', { roles: ['staff'] }),
        person(3, 'B', '内科/心内科', { roles: ['staff', 'office'] }),
        person(4, 'C', '内科/心内科', { roles: ['staff', 'office'] }),
      ],
      s,
      { ...options, rolesColumn: true },
    );
    expect(plan.roles).toEqual([{ staffNo: 'A', accountId: 110, roles: ['staff'] }]);
    expect(plan.updated).toBe(1);
  });

  it('deactivates the active people missing from the file, except the importer and administrators', () => {
    const s = state({
      people: [
        existingPerson(10, 'A', 2),
        existingPerson(11, 'B', 2),
        existingPerson(12, 'C', 2, { active: 0 }),
        existingPerson(13, 'ME', 2),
        existingPerson(14, 'NOACC', 2, { account_id: null, account_active: null }),
        existingPerson(15, 'ADMIN', 2),
      ],
      adminAccountIds: new Set([115]),
    });
    const files = [person(2, 'A', '内科/心内科')];
    expect(planImport(files, s, options).deactivate).toEqual([]);
    expect(
      planImport(files, s, { ...options, deactivateMissing: true, actorPersonId: 13 }).deactivate,
    ).toEqual([
      { personId: 11, accountId: 111, accountActive: true },
      { personId: 14, accountId: null, accountActive: false },
    ]);
  });

  it('gives a person without an account one, unless the user name is taken', () => {
    const s = state({
      people: [existingPerson(10, 'A', 2, { account_id: null, account_active: null })],
      accounts: [{ id: 1, username: 'admin1', person_id: null }],
    });
    const plan = planImport(
      [person(2, 'A', '内科/心内科'), person(3, 'admin1', '内科')],
      s,
      options,
    );
    expect(plan.problems).toEqual([
      { row: 3, column: '工号', code: 'staffNoAccountTaken', params: { value: 'admin1' } },
    ]);
    expect(plan.newAccounts).toContainEqual({ staffNo: 'A', name: '人A', personId: 10 });
  });
});
