import type { Department } from '../types';

export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
}

export interface TreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

const collator = new Intl.Collator('zh-Hans-CN');

function bySortThenName(a: Department, b: Department): number {
  return a.sort - b.sort || collator.compare(a.name, b.name);
}

/**
 * The flat list as a tree, siblings ordered by `sort` then name. A department whose parent is
 * not in the list (filtered out, or missing) shows at the top level rather than disappearing.
 */
export function buildDepartmentTree(
  items: Department[],
  opts: { includeInactive?: boolean } = {},
): DepartmentNode[] {
  const kept = items.filter((d) => opts.includeInactive || d.active);
  const nodes = new Map<number, DepartmentNode>(kept.map((d) => [d.id, { ...d }]));
  const roots: DepartmentNode[] = [];
  for (const d of [...kept].sort(bySortThenName)) {
    const node = nodes.get(d.id)!;
    const parent = d.parentId === null ? undefined : nodes.get(d.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** The ids of a department and everything beneath it (where it cannot be moved to). */
export function subtreeIds(items: Department[], id: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const d of items) {
    if (d.parentId === null) continue;
    children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  }
  const out = new Set<number>();
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/** Options for a TreeSelect of active departments; `disabled` ids stay visible but unselectable. */
export function departmentOptions(
  items: Department[],
  disabled: Set<number> = new Set(),
): TreeOption[] {
  const toOption = (n: DepartmentNode): TreeOption => ({
    value: n.id,
    title: n.name,
    ...(disabled.has(n.id) ? { disabled: true } : {}),
    ...(n.children ? { children: n.children.map(toOption) } : {}),
  });
  return buildDepartmentTree(items).map(toOption);
}

/** Every id that has children: the rows to expand by default. */
export function parentIds(nodes: DepartmentNode[]): number[] {
  const out: number[] = [];
  const walk = (list: DepartmentNode[]) => {
    for (const n of list) {
      if (n.children?.length) {
        out.push(n.id);
        walk(n.children);
      }
    }
  };
  walk(nodes);
  return out;
}
