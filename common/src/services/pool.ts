/**
 * The pool service's stable error codes and the messages of its screens and errors
 * (server and web), in both languages. Keys: `error.<CODE>` for errors, `pool.*` otherwise.
 */
export const POOL_ERRORS = [] as const;

export const poolZhCN = {
  'menu.pool': '问题清单',
} as const;

export const poolEn: Record<keyof typeof poolZhCN, string> = {
  'menu.pool': 'Issue pool',
};
