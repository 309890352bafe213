/** Messages (and error codes) of the opinion box: web part. Keys `error.<CODE>`, `opinions.*`. */
export const OPINIONS_WEB_ERRORS = [] as const;

export const opinionsWebZhCN = {} as const;

export const opinionsWebEn: Record<keyof typeof opinionsWebZhCN, string> = {};
