/**
 * The opinion box's stable error codes and every message of its screens and errors (server and
 * web), in both languages. Keys: `error.<CODE>` for errors, `opinions.*` otherwise.
 */
export const OPINIONS_ERRORS = [] as const;

export const opinionsZhCN = {
  'menu.opinions': '意见箱',
  'menu.opinionNew': '我要反映',
  'menu.opinionMine': '我的意见',
  'menu.opinionTrack': '查询进度',
  'menu.opinionWall': '意见公开墙',
  'menu.opinionInbox': '意见处理',
  'menu.opinionFigures': '办理统计',
} as const;

export const opinionsEn: Record<keyof typeof opinionsZhCN, string> = {
  'menu.opinions': 'Opinion box',
  'menu.opinionNew': 'Speak up',
  'menu.opinionMine': 'My opinions',
  'menu.opinionTrack': 'Track with a receipt',
  'menu.opinionWall': 'Public wall',
  'menu.opinionInbox': 'Handling',
  'menu.opinionFigures': 'Figures',
};
