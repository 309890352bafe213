/**
 * The files service's stable error codes and the messages of its screens and errors
 * (server and web), in both languages. Keys: `error.<CODE>` for errors, `files.*` otherwise.
 */
export const FILES_ERRORS = [] as const;

export const filesZhCN = {} as const;

export const filesEn: Record<keyof typeof filesZhCN, string> = {};
