/** Messages (and error codes) of the opinion box: figures part. Keys `error.<CODE>`, `opinions.*`. */
export const OPINIONS_FIGURES_ERRORS = [] as const;

export const opinionsFiguresZhCN = {} as const;

export const opinionsFiguresEn: Record<keyof typeof opinionsFiguresZhCN, string> = {};
