import type { Role } from '@lianxin/common';
import type { Database } from '../server/src/db/database.js';
import { hashPassword } from '../server/src/core/auth/passwords.js';
import * as org from '../server/src/core/org/repository.js';

export const TEST_PASSWORD = 'Lianxin-Test-2026!';

export interface TestUnit {
  unitId: number;
  /** The unit's code, for logins when several units exist. */
  code: string;
  departments: { internal: number; cardiology: number; surgery: number; office: number };
  /** username (staff number or admin name) by role, each account holding that one role. */
  users: Record<Role, { username: string; accountId: number; personId: number | null }>;
  /** A second plain staff member in another department: "someone else's record". */
  other: { username: string; accountId: number; personId: number };
  /** A second audit administrator, for acting on an administrator nobody is signed in as. */
  spareAdmin: { username: string; accountId: number };
}

let hashed: Promise<string> | null = null;

/**
 * A small unit with one account per role, all with TEST_PASSWORD and no forced change.
 * People: a staff member, a head of 心内科, a leader, an office member, a motion-committee
 * member, a supervisor; built-in administrators: sysadmin, secadmin, auditadmin.
 */
export async function seedTestUnit(database: Database, code = 'T1'): Promise<TestUnit> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const hash = await hashed;
  const now = new Date().toISOString();
  return database.db.transaction().execute(async (tx) => {
    const unitId = await org.insertUnit(tx, { code, name: `测试单位${code}`, now });
    const dep = (name: string, parentId: number | null, path: string) =>
      org.insertDepartment(tx, { unitId, parentId, name, path, now });
    const internal = await dep('内科', null, '内科');
    const cardiology = await dep('心内科', internal, '内科/心内科');
    const surgery = await dep('外科', null, '外科');
    const office = await dep('党委办公室', null, '党委办公室');

    const person = async (staffNo: string, name: string, departmentId: number, roles: Role[]) => {
      const personId = await org.insertPerson(
        tx,
        unitId,
        {
          staff_no: staffNo,
          name,
          department_id: departmentId,
          position: null,
          phone: `138${staffNo.replace(/\D/g, '').padStart(8, '0')}`.slice(0, 11),
          political_status: 'masses',
          congress_delegate: 0,
        },
        now,
      );
      const accountId = await org.insertAccount(tx, {
        unitId,
        personId,
        username: staffNo,
        displayName: name,
        passwordHash: hash,
        mustChange: false,
        now,
      });
      await org.replaceRoles(tx, unitId, accountId, roles, now);
      return { username: staffNo, accountId, personId };
    };
    const admin = async (username: string, name: string, role: Role) => {
      const accountId = await org.insertAccount(tx, {
        unitId,
        personId: null,
        username,
        displayName: name,
        passwordHash: hash,
        mustChange: false,
        now,
      });
      await org.replaceRoles(tx, unitId, accountId, [role], now);
      return { username, accountId, personId: null };
    };

    const users = {
      staff: await person(`${code}001`, '张伟', cardiology, ['staff']),
      department_head: await person(`${code}002`, '王芳', cardiology, ['staff', 'department_head']),
      leader: await person(`${code}003`, '李强', office, ['staff', 'leader']),
      office: await person(`${code}004`, '刘洋', office, ['staff', 'office']),
      motion_committee: await person(`${code}005`, '陈静', surgery, ['staff', 'motion_committee']),
      supervisor: await person(`${code}006`, '杨磊', office, ['staff', 'supervisor']),
      system_admin: await admin(`${code.toLowerCase()}sysadmin`, '系统管理员', 'system_admin'),
      security_admin: await admin(`${code.toLowerCase()}secadmin`, '安全管理员', 'security_admin'),
      audit_admin: await admin(`${code.toLowerCase()}auditadmin`, '审计管理员', 'audit_admin'),
    } as TestUnit['users'];
    const other = (await person(`${code}007`, '赵敏', surgery, ['staff'])) as TestUnit['other'];
    const spareAdmin = await admin(
      `${code.toLowerCase()}spareadmin`,
      '备用审计管理员',
      'audit_admin',
    );
    return {
      unitId,
      code,
      departments: { internal, cardiology, surgery, office },
      users,
      other,
      spareAdmin,
    };
  });
}
