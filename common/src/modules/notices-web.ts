/** Messages of the public notices pages. Keys `notices.web.*`, menu labels. */
export const NOTICES_WEB_ERRORS = [] as const;

export const noticesWebZhCN = {
  'menu.noticeList': '公示公告',
  'menu.noticeManage': '公示管理',
} as const;

export const noticesWebEn: Record<keyof typeof noticesWebZhCN, string> = {
  'menu.noticeList': 'Notices',
  'menu.noticeManage': 'Manage notices',
};
