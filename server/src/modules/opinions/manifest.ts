import type { ModuleManifest } from '../manifest.js';
import { opinionRoutes } from './routes.js';
import { opinionPolicy } from './policy.js';
import { staffJobs } from './jobs-staff.js';
import { handlingJobs } from './jobs-handling.js';
import { figuresJobs } from './jobs-figures.js';
import { registerStaff } from './register-staff.js';
import { registerHandling } from './register-handling.js';
import { registerFigures } from './register-figures.js';
import { opinionStatistics } from './statistics.js';

/** 意见箱: every voice answered (mechanisms.md §1). */
export const opinionsModule: ModuleManifest = {
  name: 'opinions',
  routes: opinionRoutes,
  jobs: [...staffJobs, ...handlingJobs, ...figuresJobs],
  shellAbilities: (a) => ({
    submitOpinion: opinionPolicy.submit(a),
    handleOpinions: opinionPolicy.handleAll(a),
    departmentOpinions: opinionPolicy.handleForDepartment(a),
    opinionFigures: opinionPolicy.viewFigures(a),
  }),
  statistics: opinionStatistics,
  register() {
    registerStaff();
    registerHandling();
    registerFigures();
  },
};
