import { statutoryDays } from '../server/src/core/calendar/statutory.js';
import {
  addWorkingDays,
  buildCalendar,
  workingDaysBetween,
} from '../server/src/core/calendar/working-days.js';
import type { BenchResult } from './types.js';

/**
 * Working-day arithmetic (issue 3: ~1M additions a second), against plain calendar-day addition
 * on the same ISO strings in the same run: Date parse + setUTCDate + toISOString.
 */
const N = 1_000_000;

function dates(): string[] {
  // Start dates spread over 2026 (holiday weeks included), limits of 1–10 working days.
  const out: string[] = [];
  const d = new Date(Date.UTC(2026, 0, 1));
  for (let i = 0; i < 365; i++) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

function perSecond(fn: (i: number) => string | number): number {
  for (let i = 0; i < 50_000; i++) fn(i); // warm up
  const t = performance.now();
  let sink = 0;
  for (let i = 0; i < N; i++) {
    const r = fn(i);
    sink += typeof r === 'string' ? r.length : r;
  }
  const ms = performance.now() - t;
  if (sink === -1) console.log(sink);
  return (N / ms) * 1000;
}

export async function run(): Promise<BenchResult[]> {
  const cal = buildCalendar(1, [2026, 2027], [...statutoryDays(2026), ...statutoryDays(2027)]);
  const ds = dates();
  const plainAdd = (date: string, n: number) => {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  const plain = perSecond((i) => plainAdd(ds[i % 365]!, 1 + (i % 10)));
  const working = perSecond((i) => addWorkingDays(cal, ds[i % 365]!, 1 + (i % 10)));
  const between = perSecond((i) => workingDaysBetween(cal, ds[i % 365]!, ds[(i * 7) % 365]!));
  const build = (() => {
    const t = performance.now();
    for (let i = 0; i < 20; i++) buildCalendar(1, [2026], statutoryDays(2026));
    return (performance.now() - t) / 20;
  })();
  const ceiling = { name: 'plain date addition (Date, ISO string)', value: plain };
  return [
    {
      name: 'addWorkingDays (1–10 working days, 2026 calendar)',
      value: working,
      unit: 'ops/s',
      ceiling,
      limit: { min: 500_000 },
    },
    { name: 'workingDaysBetween (2026 calendar)', value: between, unit: 'ops/s', ceiling },
    {
      name: 'build a unit calendar (2000–2100, on load / after an edit)',
      value: build,
      unit: 'ms',
    },
  ];
}
