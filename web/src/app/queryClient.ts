import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/** Retry only what may pass on a second try: network trouble and server errors, twice. */
function shouldRetry(failures: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status > 0 && err.status < 500) return false;
  return failures < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
    mutations: { retry: false },
  },
});
