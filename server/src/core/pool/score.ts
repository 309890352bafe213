/**
 * The issue pool's rank, pure (mechanisms.md §5): what staff care about most, what is most
 * urgent, what shows results soonest — concern × urgency × feasibility, with weights the office
 * sets. Concern grows with the logarithm of people affected, "me too" presses and repeats, so
 * a hundred voices outrank one but do not drown every other matter.
 */
export interface PoolWeights {
  peopleAffected: number;
  meToo: number;
  repeats: number;
  urgency: number;
  feasibility: number;
}

export const DEFAULT_POOL_WEIGHTS: PoolWeights = {
  peopleAffected: 1,
  meToo: 1,
  repeats: 0.5,
  urgency: 1,
  feasibility: 0.5,
};

export interface ScoreInput {
  peopleAffected: number;
  meToo: number;
  repeats: number;
  /** 1 (can wait) … 5 (most urgent) */
  urgency: number;
  /** 1 (hard, slow) … 5 (quick to show results) */
  feasibility: number;
}

export interface ScoreBreakdown {
  concern: number;
  urgencyFactor: number;
  feasibilityFactor: number;
  score: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function poolScore(e: ScoreInput, w: PoolWeights = DEFAULT_POOL_WEIGHTS): ScoreBreakdown {
  const concern =
    1 +
    w.peopleAffected * Math.log2(1 + Math.max(0, e.peopleAffected - 1)) +
    w.meToo * Math.log2(1 + Math.max(0, e.meToo)) +
    w.repeats * Math.log2(1 + Math.max(0, e.repeats));
  // 3 is neutral: a factor of 1. Each step above or below multiplies by a weighted ratio.
  const urgencyFactor = Math.pow(e.urgency / 3, w.urgency);
  const feasibilityFactor = Math.pow(e.feasibility / 3, w.feasibility);
  return {
    concern: round(concern),
    urgencyFactor: round(urgencyFactor),
    feasibilityFactor: round(feasibilityFactor),
    score: round(concern * urgencyFactor * feasibilityFactor),
  };
}

/** Weights from the unit's settings, each clamped to 0…3; anything missing takes its default. */
export function weightsFrom(settings: unknown): PoolWeights {
  const src = (settings && typeof settings === 'object' ? settings : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_POOL_WEIGHTS };
  for (const k of Object.keys(out) as Array<keyof PoolWeights>) {
    const v = src[k];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = Math.min(3, Math.max(0, v));
  }
  return out;
}
