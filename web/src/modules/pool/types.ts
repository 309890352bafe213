export interface PoolWeights {
  peopleAffected: number;
  meToo: number;
  repeats: number;
  urgency: number;
  feasibility: number;
}

export interface PoolEntry {
  id: number;
  source: { kind: string; id: string };
  title: string;
  category: string | null;
  departmentId: number | null;
  departmentPath: string | null;
  peopleAffected: number;
  meToo: number;
  repeats: number;
  urgency: number;
  feasibility: number;
  status: PoolStatus;
  openedOn: string;
  updatedAt: string;
  score: { concern: number; urgencyFactor: number; feasibilityFactor: number; score: number };
  abilities: { assess: boolean };
}

export const POOL_STATUSES = ['open', 'scheduled', 'in_progress', 'resolved', 'closed'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];
export const OPEN_STATUSES: PoolStatus[] = ['open', 'scheduled', 'in_progress'];

export interface PoolList {
  items: PoolEntry[];
  total: number;
  weights: PoolWeights;
  sourceKinds: string[];
  abilities: { add: boolean; setWeights: boolean };
}
