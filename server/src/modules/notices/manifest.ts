import { CONTENT_ROLES } from '@lianxin/common';
import { hasRole } from '../../core/actor.js';
import type { ModuleManifest } from '../manifest.js';
import { seedNoticesDemo } from './demo.js';
import { noticeJobs } from './jobs.js';
import { registerNotices } from './register.js';
import { noticesRoutes } from './routes.js';

/** 公开公示: notices with a notice period and objections (mechanisms.md §2). */
export const noticesModule: ModuleManifest = {
  name: 'notices',
  routes: noticesRoutes,
  jobs: noticeJobs,
  shellAbilities: (a) => ({
    readNotices: a.personId !== null && hasRole(a, ...CONTENT_ROLES),
    manageNotices: hasRole(a, 'office'),
  }),
  register: registerNotices,
  seedDemo: seedNoticesDemo,
};
