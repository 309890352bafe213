import type { Actor } from './actor.js';
import { shellAbilities as coreShellAbilities } from './org/policy.js';

type AbilityFn = (actor: Actor) => Record<string, boolean>;
const extra: AbilityFn[] = [];

/** Modules add their menu abilities at start (the core does not import modules). */
export function registerShellAbilities(fn: AbilityFn): void {
  extra.push(fn);
}

/** Everything `me.abilities` carries: the core's and every module's. */
export function allShellAbilities(actor: Actor): Record<string, boolean> {
  return Object.assign({}, coreShellAbilities(actor), ...extra.map((fn) => fn(actor)));
}
