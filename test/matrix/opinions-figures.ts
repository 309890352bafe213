import type { Case, Ctx } from './types.js';

/** The opinion box's routes for the figures per department and month, their dashboard and export, in the authorization matrix. */
export function opinionFiguresCases(_c: Ctx): Case[] {
  return [
    {
      route: 'GET /api/opinions/figures',
      method: 'GET',
      url: '/api/opinions/figures?year=2026&month=11',
      who: ['office', 'leader', 'supervisor'],
    },
    {
      route: 'GET /api/opinions/figures.xlsx',
      method: 'GET',
      url: '/api/opinions/figures.xlsx?year=2026&month=11',
      who: ['office', 'leader', 'supervisor'],
    },
  ];
}
