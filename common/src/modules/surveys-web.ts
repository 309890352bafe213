/** Messages of the survey pages (builder, answering, results). Keys `surveys.web.*`, menu labels. */
export const SURVEYS_WEB_ERRORS = [] as const;

export const surveysWebZhCN = {
  'menu.surveyList': '参与问卷',
  'menu.surveyManage': '问卷管理',
} as const;

export const surveysWebEn: Record<keyof typeof surveysWebZhCN, string> = {
  'menu.surveyList': 'Answer surveys',
  'menu.surveyManage': 'Manage surveys',
};
