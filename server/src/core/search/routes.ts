import { requireActor } from '../../plugins/session.js';
import { AppError } from '../errors.js';
import { errors, typed, type RoutePlugin } from '../http.js';
import { searchPolicy } from './policy.js';
import { presentHit } from './present.js';
import { search } from './query.js';
import * as s from './schemas.js';

export const searchRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;

  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Full-text search of what the reader may see in their unit',
        querystring: s.searchQuery,
        response: { 200: s.searchResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!searchPolicy.search(actor)) throw new AppError('FORBIDDEN');
      const { q, kinds, page, pageSize } = req.query;
      const result = await search(database, actor, q, { kinds, page, pageSize });
      return {
        query: result.query,
        items: result.hits.map((h) => presentHit(h, result.query.terms)),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        kinds: result.kinds,
      };
    },
  );
};
