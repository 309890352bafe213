/** Table types of the draft consultation module (migration 20261127_0012_consultations). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConsultationsTables {}
