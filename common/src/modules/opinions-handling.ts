/** Messages (and error codes) of the opinion box: handling part. Keys `error.<CODE>`, `opinions.*`. */
export const OPINIONS_HANDLING_ERRORS = [
  'OPINION_NOT_FOUND',
  'OPINION_WRONG_STATE',
  'OPINION_DEPARTMENT_INVALID',
  'OPINION_MERGE_TARGET_INVALID',
  'OPINION_NOT_PUBLISHABLE',
] as const;

export const opinionsHandlingZhCN = {
  'error.OPINION_NOT_FOUND': '没有找到这条意见。',
  'error.OPINION_WRONG_STATE': '这条意见当前的状态不允许这一操作，请刷新后再试。',
  'error.OPINION_DEPARTMENT_INVALID': '承办部门无效：部门不存在、已停用或重复。',
  'error.OPINION_MERGE_TARGET_INVALID': '只能合并到另一条尚未办结的意见。',
  'error.OPINION_NOT_PUBLISHABLE': '只有提出人同意公开并且已答复的意见才能公开。',
  'opinions.notify.dispatched.title': '有一条意见交办给{department}',
  'opinions.notify.dispatched.body':
    '群工办将一条职工意见交办给{department}，请在 {signDue} 前签收。',
  'opinions.notify.dispatched.label': '意见交办',
  'opinions.notify.replied.title': '您的意见已有答复',
  'opinions.notify.replied.body': '您反映的意见已有答复，请在“我的意见”中查看并评价。',
  'opinions.notify.replied.label': '意见答复',
  'opinions.notify.question.title': '承办人有问题请您补充',
  'opinions.notify.question.body': '请在“我的意见”中查看问题并回复。',
  'opinions.notify.question.label': '意见追问',
  'opinions.notify.bounced.title': '{department}退回了一条意见',
  'opinions.notify.bounced.body': '{department}退回了这条意见，理由：{reason}',
  'opinions.notify.bounced.label': '意见退回',
  'opinions.notify.rated.title': '一条意见已评价',
  'opinions.notify.rated.body': '提出人已对答复作出评价。',
  'opinions.notify.rated.label': '意见评价',
  'opinions.notify.digest.title': '意见箱新收 {count} 条意见',
  'opinions.notify.digest.body': '{date} 意见箱新收 {count} 条意见，请及时受理。',
  'opinions.notify.digest.label': '意见箱每日汇总',
} as const;

export const opinionsHandlingEn: Record<keyof typeof opinionsHandlingZhCN, string> = {
  'error.OPINION_NOT_FOUND': 'No such opinion.',
  'error.OPINION_WRONG_STATE':
    'The opinion is not in a state that allows this. Refresh and try again.',
  'error.OPINION_DEPARTMENT_INVALID': 'Invalid department: unknown, inactive or listed twice.',
  'error.OPINION_MERGE_TARGET_INVALID': 'An opinion can only be merged into another open opinion.',
  'error.OPINION_NOT_PUBLISHABLE':
    'Only a replied opinion whose submitter consented can be published.',
  'opinions.notify.dispatched.title': 'An opinion was dispatched to {department}',
  'opinions.notify.dispatched.body':
    'The office dispatched an opinion to {department}. Please sign for it by {signDue}.',
  'opinions.notify.dispatched.label': 'Opinion dispatched',
  'opinions.notify.replied.title': 'Your opinion has a reply',
  'opinions.notify.replied.body': 'Read the reply and rate it under "My opinions".',
  'opinions.notify.replied.label': 'Opinion replied',
  'opinions.notify.question.title': 'A question about your opinion',
  'opinions.notify.question.body': 'Read the question and answer it under "My opinions".',
  'opinions.notify.question.label': 'Question about an opinion',
  'opinions.notify.bounced.title': '{department} bounced an opinion',
  'opinions.notify.bounced.body': '{department} bounced this opinion. Reason: {reason}',
  'opinions.notify.bounced.label': 'Opinion bounced',
  'opinions.notify.rated.title': 'An opinion was rated',
  'opinions.notify.rated.body': 'The submitter rated the reply.',
  'opinions.notify.rated.label': 'Opinion rated',
  'opinions.notify.digest.title': '{count} new opinions in the box',
  'opinions.notify.digest.body': '{count} opinions arrived on {date}. Please accept them promptly.',
  'opinions.notify.digest.label': 'Opinion box daily digest',
};
