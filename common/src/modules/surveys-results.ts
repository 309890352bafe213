/** Messages and error codes of survey results (k rule, charts, export). Keys `error.<CODE>`, `surveys.results.*`. */
export const SURVEYS_RESULTS_ERRORS = [] as const;

export const surveysResultsZhCN = {} as const;

export const surveysResultsEn: Record<keyof typeof surveysResultsZhCN, string> = {};
