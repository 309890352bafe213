import type { ModuleManifest } from '../manifest.js';
import { seedConsultationsDemo } from './demo.js';
import { consultationPolicy } from './policy.js';
import { registerConsultations } from './register.js';
import { consultationsRoutes, mayComment } from './routes.js';

/** 征求意见稿: a draft commented on section by section (mechanisms.md §3). */
export const consultationsModule: ModuleManifest = {
  name: 'consultations',
  routes: consultationsRoutes,
  shellAbilities: (a) => ({
    commentConsultations: mayComment(a),
    manageConsultations: consultationPolicy.create(a),
  }),
  register: registerConsultations,
  seedDemo: seedConsultationsDemo,
};
