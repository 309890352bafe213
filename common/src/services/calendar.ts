/**
 * The calendar service's stable error codes and the messages of its screens and errors
 * (server and web), in both languages. Keys: `error.<CODE>` for errors, `calendar.*` otherwise.
 */
export const CALENDAR_ERRORS = [] as const;

export const calendarZhCN = {
  'menu.calendar': '工作日历',
  'menu.supervision': '督办看板',
} as const;

export const calendarEn: Record<keyof typeof calendarZhCN, string> = {
  'menu.calendar': 'Working-day calendar',
  'menu.supervision': 'Supervision board',
};
