import { CONTENT_ROLES } from '@lianxin/common';
import { hasRole } from '../../core/actor.js';
import type { ModuleManifest } from '../manifest.js';
import { consultationsRoutes } from './routes.js';

/** 征求意见稿: a draft commented on section by section (mechanisms.md §3). */
export const consultationsModule: ModuleManifest = {
  name: 'consultations',
  routes: consultationsRoutes,
  shellAbilities: (a) => ({
    commentConsultations: a.personId !== null && hasRole(a, ...CONTENT_ROLES),
    manageConsultations: hasRole(a, 'office') || hasRole(a, 'department_head'),
  }),
};
