import { z } from 'zod';
import { dbId } from '../http.js';
import { ADMIN_ROLES, CONTENT_ROLES, POLITICAL_STATUSES, ROLES } from '@lianxin/common';

const abilities = z.record(z.string(), z.boolean());

export const departmentSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  path: z.string(),
  sort: z.number(),
  active: z.boolean(),
  peopleCount: z.number(),
  abilities,
});

/** A department name: no path separators, no control characters. */
export const departmentName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^/\\／\u0000-\u001f]+$/, '部门名称不能包含 / 或 \\');

export const createDepartmentBody = z
  .object({ name: departmentName, parentId: z.number().int().positive().nullable() })
  .strict();

export const updateDepartmentBody = z
  .object({
    name: departmentName.optional(),
    parentId: z.number().int().positive().nullable().optional(),
    sort: z.number().int().min(0).max(100000).optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const personSchema = z.object({
  id: z.number(),
  staffNo: z.string(),
  name: z.string(),
  departmentId: z.number(),
  departmentPath: z.string(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  partyMember: z.boolean(),
  congressDelegate: z.boolean(),
  active: z.boolean(),
  accountId: z.number().nullable(),
  locked: z.boolean(),
  roles: z.array(z.enum(ROLES)),
  abilities,
});

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, '手机号应为 11 位数字')
  .nullable();
const staffNo = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/);
const personName = z.string().trim().min(1).max(50);
const position = z.string().trim().max(50).nullable();

export const createPersonBody = z
  .object({
    staffNo,
    name: personName,
    departmentId: z.number().int().positive(),
    position: position.optional(),
    phone: phone.optional(),
    politicalStatus: z.enum(POLITICAL_STATUSES).nullable().optional(),
    congressDelegate: z.boolean().optional(),
  })
  .strict();

export const updatePersonBody = z
  .object({
    name: personName.optional(),
    departmentId: z.number().int().positive().optional(),
    position: position.optional(),
    phone: phone.optional(),
    politicalStatus: z.enum(POLITICAL_STATUSES).nullable().optional(),
    congressDelegate: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const peopleQuery = z
  .object({
    q: z.string().trim().max(50).optional(),
    departmentId: dbId.optional(),
    active: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

export const rolesBody = z.object({ roles: z.array(z.enum(CONTENT_ROLES)).max(10) }).strict();

export const adminAccountSchema = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  role: z.string(),
  active: z.boolean(),
  locked: z.boolean(),
  abilities,
});

export const createAdminBody = z
  .object({
    username: z
      .string()
      .trim()
      .min(3)
      .max(64)
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/),
    name: personName,
    role: z.enum(ADMIN_ROLES),
  })
  .strict();

export const adminRoleBody = z.object({ role: z.enum(ADMIN_ROLES) }).strict();
