import { ALL_SIGNED_IN, type Case, type Ctx } from './types.js';

/** The calendar service's routes in the authorization matrix. */
export function calendarCases(_c: Ctx): Case[] {
  const year = Number(
    new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4), // this year in Shanghai
  );
  return [
    {
      route: 'GET /api/calendar',
      method: 'GET',
      url: `/api/calendar?year=${year}`,
      who: ALL_SIGNED_IN,
    },
    {
      route: 'POST /api/calendar/changes',
      method: 'POST',
      url: '/api/calendar/changes',
      who: ['office'],
      body: (x) => ({
        changes: [
          {
            from: `${year}-06-0${(x.seq % 9) + 1}`,
            to: `${year}-06-0${(x.seq % 9) + 1}`,
            kind: 'default',
          },
        ],
      }),
    },
    {
      route: 'GET /api/calendar/add',
      method: 'GET',
      url: `/api/calendar/add?date=${year}-06-01&days=5`,
      who: ALL_SIGNED_IN,
    },
  ];
}
