import { ALL_SIGNED_IN, type Case, type Ctx } from './types.js';

/** The search service's routes in the authorization matrix. */
export function searchCases(_c: Ctx): Case[] {
  return [
    {
      // Everyone signed in may search; what they find is filtered by each document's visibility.
      route: 'GET /api/search',
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent('食堂 停车')}`,
      who: ALL_SIGNED_IN,
    },
  ];
}
