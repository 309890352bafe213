/** Messages and error codes of draft consultation (征求意见稿), server and pages. Keys `error.<CODE>`, `consultations.*`. */
export const CONSULTATIONS_ERRORS = [] as const;

export const consultationsZhCN = {
  'menu.consultations': '征求意见稿',
} as const;

export const consultationsEn: Record<keyof typeof consultationsZhCN, string> = {
  'menu.consultations': 'Draft consultation',
};
