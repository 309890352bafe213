import { describe, expect, it } from 'vitest';
import { IMPORT_ROW_PROBLEMS, translate } from '@lianxin/common';
import { ROSTER_COLUMNS, type RosterColumn, type RosterRow } from './parse.js';
import {
  normalisePhone,
  parseDepartmentPath,
  parseRoles,
  parseYesNo,
  validateRoster,
} from './validate.js';

const ALL = [...ROSTER_COLUMNS];

function row(n: number, values: Partial<Record<RosterColumn, string>>): RosterRow {
  const r = { row: n } as RosterRow;
  for (const c of ROSTER_COLUMNS) r[c] = values[c] ?? '';
  return r;
}

const good = { staffNo: 'A1', name: '张伟', department: '内科/心内科' };

describe('validateRoster', () => {
  it('turns a good row into a person, with staff implied and optional columns kept apart', () => {
    const all = validateRoster({
      columns: ALL,
      rows: [
        row(2, {
          ...good,
          position: '主治医师',
          phone: '138-0013-8000',
          politicalStatus: '党员',
          roles: '群工办、院领导',
          congressDelegate: '是',
        }),
      ],
    });
    expect(all.problems).toEqual([]);
    expect(all.people).toEqual([
      {
        row: 2,
        staffNo: 'A1',
        name: '张伟',
        departmentPath: '内科/心内科',
        position: '主治医师',
        phone: '13800138000',
        politicalStatus: 'cpc_member',
        congressDelegate: 1,
        roles: ['staff', 'leader', 'office'],
      },
    ]);
    const minimal = validateRoster({
      columns: ['staffNo', 'name', 'department'],
      rows: [row(2, good)],
    });
    expect(minimal.people[0]).toMatchObject({
      position: undefined,
      phone: undefined,
      politicalStatus: undefined,
      congressDelegate: undefined,
      roles: undefined,
    });
  });

  it('reports every problem of every row, by row number and column', () => {
    const { people, problems } = validateRoster({
      columns: ALL,
      rows: [
        row(2, good),
        row(3, { name: '无工号', department: '外科' }),
        row(4, { ...good, staffNo: 'A 2!' }),
        row(5, { ...good, staffNo: 'X'.repeat(33) }),
        row(6, { ...good }),
        row(7, { staffNo: 'A7', department: '外科' }),
        row(8, { staffNo: 'A8', name: '名'.repeat(51), department: '外科' }),
        row(9, { staffNo: 'A9', name: '某' }),
        row(10, { staffNo: 'A10', name: '某', department: '内科//心内科' }),
        row(11, { staffNo: 'A11', name: '某', department: '外科', phone: '12345' }),
        row(12, { staffNo: 'A12', name: '某', department: '外科', politicalStatus: '火星人' }),
        row(13, { staffNo: 'A13', name: '某', department: '外科', roles: '职工、宇航员' }),
        row(14, { staffNo: 'A14', name: '某', department: '外科', roles: '系统管理员' }),
        row(15, { staffNo: 'A15', name: '某', department: '外科', position: '职'.repeat(51) }),
        row(16, { staffNo: 'A16', name: '某', department: '外科', congressDelegate: '也许' }),
        row(17, { staffNo: 'A1', name: '', department: '' }),
      ],
    });
    expect(people.map((p) => p.row)).toEqual([2]);
    expect(problems).toEqual([
      { row: 3, column: '工号', code: 'staffNoMissing' },
      { row: 4, column: '工号', code: 'staffNoInvalid' },
      { row: 5, column: '工号', code: 'staffNoInvalid' },
      { row: 6, column: '工号', code: 'staffNoDuplicate', params: { row: 2 } },
      { row: 7, column: '姓名', code: 'nameMissing' },
      { row: 8, column: '姓名', code: 'nameTooLong' },
      { row: 9, column: '部门', code: 'departmentMissing' },
      { row: 10, column: '部门', code: 'departmentPathInvalid', params: { value: '内科//心内科' } },
      { row: 11, column: '手机', code: 'phoneInvalid', params: { value: '12345' } },
      { row: 12, column: '政治面貌', code: 'politicalStatusUnknown', params: { value: '火星人' } },
      { row: 13, column: '角色', code: 'roleUnknown', params: { value: '宇航员' } },
      { row: 14, column: '角色', code: 'roleAdminNotImportable', params: { value: '系统管理员' } },
      { row: 15, column: '职务', code: 'positionTooLong' },
      { row: 16, column: '职代会代表', code: 'congressDelegateInvalid', params: { value: '也许' } },
      { row: 17, column: '工号', code: 'staffNoDuplicate', params: { row: 2 } },
      { row: 17, column: '姓名', code: 'nameMissing' },
      { row: 17, column: '部门', code: 'departmentMissing' },
    ]);
  });

  it('has a Chinese and an English message for every problem code', () => {
    for (const code of IMPORT_ROW_PROBLEMS) {
      const zh = translate('zh-CN', `importProblem.${code}`, {
        row: 2,
        value: 'x',
        path: 'p',
        column: 'c',
      });
      const en = translate('en', `importProblem.${code}`, {
        row: 2,
        value: 'x',
        path: 'p',
        column: 'c',
      });
      expect(zh, code).not.toBe(`importProblem.${code}`);
      expect(en, code).not.toBe(zh);
      expect(zh).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('field rules', () => {
  it('department paths', () => {
    expect(parseDepartmentPath('内科/心内科')).toEqual(['内科', '心内科']);
    expect(parseDepartmentPath(' 内科 ／ 心内科 \\ 一病区 ')).toEqual(['内科', '心内科', '一病区']);
    expect(parseDepartmentPath('a/b/c/d/e')).toHaveLength(5);
    expect(parseDepartmentPath('a/b/c/d/e/f')).toBeNull();
    expect(parseDepartmentPath('/内科')).toBeNull();
    expect(parseDepartmentPath('内科/')).toBeNull();
    expect(parseDepartmentPath('内科/ /心内科')).toBeNull();
    expect(parseDepartmentPath('科'.repeat(50))).toHaveLength(1);
    expect(parseDepartmentPath('科'.repeat(51))).toBeNull();
  });

  it('phones', () => {
    expect(normalisePhone('')).toBeNull();
    expect(normalisePhone('138 0013 8000')).toBe('13800138000');
    expect(normalisePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalisePhone('１３８００１３８０００')).toBe('13800138000');
    expect(normalisePhone('23800138000')).toBe(false);
    expect(normalisePhone('1380013800')).toBe(false);
    expect(normalisePhone('010-12345678')).toBe(false);
  });

  it('roles', () => {
    expect(parseRoles('')).toEqual({ roles: ['staff'], unknown: [], admin: [] });
    expect(parseRoles('科主任,群工办；纪检监督 提案委员会')).toEqual({
      roles: ['staff', 'department_head', 'office', 'motion_committee', 'supervisor'],
      unknown: [],
      admin: [],
    });
    expect(parseRoles('leader、安全管理员、审计管理员、超人')).toEqual({
      roles: ['staff', 'leader'],
      unknown: ['超人'],
      admin: ['安全管理员', '审计管理员'],
    });
  });

  it('yes / no', () => {
    expect(['是', 'Y', 'true', '1', '√'].map(parseYesNo)).toEqual([1, 1, 1, 1, 1]);
    expect(['否', '', 'N', '0', '×'].map(parseYesNo)).toEqual([0, 0, 0, 0, 0]);
    expect(parseYesNo('可能')).toBeNull();
  });
});
