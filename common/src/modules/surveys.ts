/** Messages and error codes of surveys: builder and answering (server side). Keys `error.<CODE>`, `surveys.*`. */
export const SURVEYS_ERRORS = [] as const;

export const surveysZhCN = {
  'menu.surveys': '问卷调查',
} as const;

export const surveysEn: Record<keyof typeof surveysZhCN, string> = {
  'menu.surveys': 'Surveys',
};
