import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { DepartmentList } from './types';

export const DEPARTMENTS_KEY = ['org', 'departments'] as const;
export const PEOPLE_KEY = ['org', 'people'] as const;
export const ADMINS_KEY = ['org', 'admin-accounts'] as const;

/** The unit's departments (flat; the page builds the tree). */
export function useDepartments() {
  return useQuery({
    queryKey: DEPARTMENTS_KEY,
    queryFn: () => api.get<DepartmentList>('/api/org/departments'),
  });
}
