/** Messages and error codes of the questionnaire text import/export. Keys `error.<CODE>`, `surveys.text.*`. */
export const SURVEYS_TEXT_ERRORS = [] as const;

export const surveysTextZhCN = {} as const;

export const surveysTextEn: Record<keyof typeof surveysTextZhCN, string> = {};
