/**
 * The search service's stable error codes and the messages of its screens and errors
 * (server and web), in both languages. Keys: `error.<CODE>` for errors, `search.*` otherwise.
 */
export const SEARCH_ERRORS = [] as const;

export const searchZhCN = {
  'menu.search': '搜索',
} as const;

export const searchEn: Record<keyof typeof searchZhCN, string> = {
  'menu.search': 'Search',
};
