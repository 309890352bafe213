/** Messages and error codes of surveys: builder and answering (server side). Keys `error.<CODE>`, `surveys.*`. */
export const SURVEYS_ERRORS = [
  'SURVEY_NOT_FOUND',
  'SURVEY_INVALID',
  'SURVEY_AUDIENCE_OUTSIDE',
  'SURVEY_AUDIENCE_EMPTY',
  'SURVEY_LOCKED',
  'SURVEY_WRONG_STATUS',
  'SURVEY_NOT_OPEN',
  'SURVEY_ALREADY_ANSWERED',
  'SURVEY_ANSWER_INVALID',
  'SURVEY_IDEMPOTENCY_KEY_INVALID',
] as const;

export const surveysZhCN = {
  'menu.surveys': '问卷调查',
  'error.SURVEY_NOT_FOUND': '没有找到这份问卷',
  'error.SURVEY_INVALID': '问卷设置有误，请检查题目、选项和时间',
  'error.SURVEY_AUDIENCE_OUTSIDE': '只能面向本部门及下属部门发布问卷',
  'error.SURVEY_AUDIENCE_EMPTY': '调查对象为空：所选部门和角色中没有人员',
  'error.SURVEY_LOCKED': '已有人作答，题目不能再修改',
  'error.SURVEY_WRONG_STATUS': '问卷当前状态不允许这样操作',
  'error.SURVEY_NOT_OPEN': '问卷未开放或已截止',
  'error.SURVEY_ALREADY_ANSWERED': '您已经提交过这份问卷',
  'error.SURVEY_ANSWER_INVALID': '答案不符合题目要求，请检查后再提交',
  'error.SURVEY_IDEMPOTENCY_KEY_INVALID': '提交标识无效（应为 8–100 个字符）',
  'surveys.notify.opened.title': '请填写问卷：{title}',
  'surveys.notify.opened.body': '问卷“{title}”已开放，截止时间：{closesAt}。',
  'surveys.notify.opened.label': '新问卷',
  'surveys.notify.reminder.title': '提醒：问卷“{title}”尚未填写',
  'surveys.notify.reminder.body': '您还没有填写问卷“{title}”，截止时间：{closesAt}。',
  'surveys.notify.reminder.label': '问卷提醒',
  'surveys.noDeadline': '无',
  'surveys.search.title': '问卷“{survey}”：{question}',
} as const;

export const surveysEn: Record<keyof typeof surveysZhCN, string> = {
  'menu.surveys': 'Surveys',
  'error.SURVEY_NOT_FOUND': 'Survey not found',
  'error.SURVEY_INVALID': 'The survey is not valid: check its questions, options and times',
  'error.SURVEY_AUDIENCE_OUTSIDE':
    'A department survey can only be sent to your department and the ones below it',
  'error.SURVEY_AUDIENCE_EMPTY':
    'The audience is empty: nobody is in the chosen departments and roles',
  'error.SURVEY_LOCKED': 'Someone has answered already: the questions can no longer change',
  'error.SURVEY_WRONG_STATUS': 'The survey’s state does not allow this',
  'error.SURVEY_NOT_OPEN': 'The survey is not open',
  'error.SURVEY_ALREADY_ANSWERED': 'You have already answered this survey',
  'error.SURVEY_ANSWER_INVALID': 'An answer does not fit its question: check and submit again',
  'error.SURVEY_IDEMPOTENCY_KEY_INVALID': 'Invalid submission key (8–100 characters)',
  'surveys.notify.opened.title': 'Please answer the survey: {title}',
  'surveys.notify.opened.body': 'The survey “{title}” is open until {closesAt}.',
  'surveys.notify.opened.label': 'New survey',
  'surveys.notify.reminder.title': 'Reminder: the survey “{title}” is waiting for you',
  'surveys.notify.reminder.body':
    'You have not answered the survey “{title}” yet (open until {closesAt}).',
  'surveys.notify.reminder.label': 'Survey reminders',
  'surveys.noDeadline': 'no deadline',
  'surveys.search.title': 'Survey “{survey}”: {question}',
};
