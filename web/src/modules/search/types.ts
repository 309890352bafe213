/** GET /api/search */
export type Range = [number, number];

export interface SearchHit {
  recordKind: string;
  recordId: string;
  title: string;
  titleRanges: Range[];
  snippet: string;
  snippetRanges: Range[];
  link: string | null;
  updatedAt: string;
  abilities: { open: boolean };
}

export interface SearchResult {
  query: { text: string; truncated: boolean; terms: string[] };
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  kinds: Array<{ kind: string; count: number }>;
}

/** The longest query the server reads (it cuts longer ones). */
export const MAX_QUERY_CHARS = 200;
