import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Me } from './types';

export const ME_KEY = ['auth', 'me'] as const;

export function fetchMe(): Promise<Me> {
  return api.get<{ me: Me }>('/api/auth/me').then((r) => r.me);
}

/** The signed-in person; the shell loads it once and every page reads it from the cache. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The signed-in person inside the shell, where it is always loaded. */
export function useCurrentMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentMe outside the signed-in shell');
  return data;
}
