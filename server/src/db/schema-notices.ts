/** Table types of the notices module (migration 20261127_0010_notices). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NoticesTables {}
