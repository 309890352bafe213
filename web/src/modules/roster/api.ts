import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { queryClient } from '../../app/queryClient';
import type { RosterImport } from './types';

export const IMPORTS_KEY = ['roster', 'imports'] as const;
const importKey = (id: number | null) => ['roster', 'import', id] as const;

/** Poll every 500 ms while an import runs; the page shows its progress. */
export const POLL_MS = 500;

/** Upload a roster; the server answers 202 at once and runs the import in the background. */
export async function startImport(
  file: File,
  opts: { dryRun: boolean; deactivateMissing: boolean },
) {
  const form = new FormData();
  // Fields before the file: a streaming multipart parser reads them before it reaches the file.
  form.append('dryRun', String(opts.dryRun));
  form.append('deactivateMissing', String(opts.deactivateMissing));
  form.append('file', file, file.name);
  const { import: started } = await api.upload<{ import: RosterImport }>(
    '/api/roster/imports',
    form,
  );
  queryClient.setQueryData(importKey(started.id), started);
  return started;
}

export function useRosterImport(id: number | null) {
  return useQuery({
    queryKey: importKey(id),
    queryFn: () =>
      api.get<{ import: RosterImport }>(`/api/roster/imports/${id}`).then((r) => r.import),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false),
  });
}

export function useRosterImports() {
  return useQuery({
    queryKey: IMPORTS_KEY,
    queryFn: () => api.get<{ items: RosterImport[] }>('/api/roster/imports').then((r) => r.items),
  });
}

/** The fraction done, 0–100 (0 until the row count is known). */
export function importPercent(
  imp: Pick<RosterImport, 'status' | 'processedRows' | 'totalRows'>,
): number {
  if (imp.status !== 'running') return 100;
  if (imp.totalRows <= 0) return 0;
  return Math.min(100, Math.floor((imp.processedRows / imp.totalRows) * 100));
}

/** A dry run that may be followed by the real import: finished, and not one problem. */
export function isCleanDryRun(imp: RosterImport | undefined): boolean {
  return (
    !!imp && imp.dryRun && imp.status === 'succeeded' && imp.problems.length === 0 && !imp.errorCode
  );
}
