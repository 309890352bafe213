import type { ModuleManifest } from './manifest.js';
import { opinionsModule } from './opinions/manifest.js';
import { noticesModule } from './notices/manifest.js';
import { surveysModule } from './surveys/manifest.js';
import { consultationsModule } from './consultations/manifest.js';

/** Every mechanism module, in menu order. */
export const MODULES: ModuleManifest[] = [
  opinionsModule,
  noticesModule,
  surveysModule,
  consultationsModule,
];
