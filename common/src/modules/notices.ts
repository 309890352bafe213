/** Messages and error codes of public notices (server side). Keys `error.<CODE>`, `notices.*`. */
export const NOTICES_ERRORS = [] as const;

export const noticesZhCN = {
  'menu.notices': '公开公示',
} as const;

export const noticesEn: Record<keyof typeof noticesZhCN, string> = {
  'menu.notices': 'Public notices',
};
