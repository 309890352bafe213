import { CONTENT_ROLES } from '@lianxin/common';
import { hasRole } from '../../core/actor.js';
import type { ModuleManifest } from '../manifest.js';
import { surveysRoutes } from './routes.js';

/** 问卷、意见征集表 (mechanisms.md §3). */
export const surveysModule: ModuleManifest = {
  name: 'surveys',
  routes: surveysRoutes,
  shellAbilities: (a) => ({
    answerSurveys: a.personId !== null && hasRole(a, ...CONTENT_ROLES),
    manageSurveys: hasRole(a, 'office') || hasRole(a, 'department_head'),
  }),
};
