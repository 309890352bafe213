import type { Actor } from '../core/actor.js';
import type { RoutePlugin } from '../core/http.js';
import type { Job } from '../core/jobs.js';
import type { Database } from '../db/database.js';

/**
 * What a mechanism module declares (architecture.md: one manifest per module). The app mounts its
 * routes under /api, main.ts runs its jobs, the shell merges its menu abilities, and the monthly
 * report iterates its statistics.
 */
export interface ModuleManifest {
  name: string;
  routes: RoutePlugin;
  jobs?: Job[];
  /** Menu-level abilities of the signed-in person, merged into `me.abilities`. */
  shellAbilities?: (actor: Actor) => Record<string, boolean>;
  /** Figures for the monthly report: one call per unit and month ('YYYY-MM'). */
  statistics?: (database: Database, unitId: number, month: string) => Promise<unknown>;
  /** Called once when the app is built: register notification kinds, attachment policies, … */
  register?: () => void;
  /** Sample data for the demo unit on first run (after its people and accounts exist). */
  seedDemo?: (database: Database, unitId: number) => Promise<void>;
}
