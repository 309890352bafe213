import { describe, expect, it } from 'vitest';
import type { Department } from '../types';
import { buildDepartmentTree, departmentOptions, parentIds, subtreeIds } from './tree';

const abilities = { update: true, deactivate: true, addChild: true };
function dep(
  id: number,
  parentId: number | null,
  name: string,
  extra: Partial<Department> = {},
): Department {
  return {
    id,
    parentId,
    name,
    path: name,
    sort: 0,
    active: true,
    peopleCount: 0,
    abilities,
    ...extra,
  };
}

const flat = [
  dep(3, 1, '心内科'),
  dep(1, null, '内科'),
  dep(2, null, '外科', { sort: 1 }),
  dep(4, 1, '消化内科', { sort: -1 }),
  dep(5, 3, '心内一病区'),
  dep(6, null, '旧科室', { active: false }),
];

describe('department tree', () => {
  it('nests children under parents, ordered by sort then name', () => {
    const tree = buildDepartmentTree(flat);
    expect(tree.map((d) => d.name)).toEqual(['内科', '外科']);
    expect(tree[0]!.children!.map((d) => d.name)).toEqual(['消化内科', '心内科']);
    expect(tree[0]!.children![1]!.children!.map((d) => d.id)).toEqual([5]);
    expect(tree[1]!.children).toBeUndefined();
  });

  it('hides inactive departments unless asked', () => {
    expect(buildDepartmentTree(flat).some((d) => d.id === 6)).toBe(false);
    expect(buildDepartmentTree(flat, { includeInactive: true }).some((d) => d.id === 6)).toBe(true);
  });

  it('keeps a department whose parent is missing at the top level', () => {
    expect(buildDepartmentTree([dep(9, 42, '孤儿')]).map((d) => d.id)).toEqual([9]);
  });

  it('finds a subtree, where a department cannot be moved to', () => {
    expect([...subtreeIds(flat, 1)].sort()).toEqual([1, 3, 4, 5]);
    expect([...subtreeIds(flat, 2)]).toEqual([2]);
  });

  it('builds picker options with disabled ids', () => {
    const opts = departmentOptions(flat, new Set([3]));
    expect(opts[0]!.children!.find((o) => o.value === 3)!.disabled).toBe(true);
    expect(parentIds(buildDepartmentTree(flat)).sort()).toEqual([1, 3]);
  });
});
