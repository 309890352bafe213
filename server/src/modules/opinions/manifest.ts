import type { ModuleManifest } from '../manifest.js';
import { opinionRoutes } from './routes.js';
import { opinionPolicy } from './policy.js';

/** 意见箱: every voice answered (mechanisms.md §1). */
export const opinionsModule: ModuleManifest = {
  name: 'opinions',
  routes: opinionRoutes,
  jobs: [],
  shellAbilities: (a) => ({
    submitOpinion: opinionPolicy.submit(a),
    handleOpinions: opinionPolicy.handleAll(a),
    departmentOpinions: opinionPolicy.handleForDepartment(a),
    opinionFigures: opinionPolicy.viewFigures(a),
  }),
};
