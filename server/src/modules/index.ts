import type { ModuleManifest } from './manifest.js';
import { opinionsModule } from './opinions/manifest.js';

/** Every mechanism module, in menu order. */
export const MODULES: ModuleManifest[] = [opinionsModule];
