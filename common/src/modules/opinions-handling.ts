/** Messages (and error codes) of the opinion box: handling part. Keys `error.<CODE>`, `opinions.*`. */
export const OPINIONS_HANDLING_ERRORS = [] as const;

export const opinionsHandlingZhCN = {} as const;

export const opinionsHandlingEn: Record<keyof typeof opinionsHandlingZhCN, string> = {};
