/** One figure a benchmark prints, with what it is compared against in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The ceiling measured in the same run (e.g. raw driver inserts, a bare Fastify route). */
  ceiling?: { name: string; value: number };
  /** A hard bound from the issue; the run fails when it is not met. */
  limit?: { max?: number; min?: number };
}
