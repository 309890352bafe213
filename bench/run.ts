import os from 'node:os';
import type { BenchResult } from './types.js';

/**
 * `npm run bench`: every benchmark, each figure beside the ceiling measured in the same run,
 * and a non-zero exit when a figure misses the bound its issue sets.
 */
const BENCHES: Array<[string, () => Promise<{ run(): Promise<BenchResult[]> }>]> = [
  ['roster import', () => import('./roster-import.js')],
  ['http', () => import('./http.js')],
  ['search', () => import('./search.js')],
  ['working days', () => import('./working-days.js')],
  ['outbox', () => import('./outbox.js')],
  ['opinions', () => import('./opinions.js')],
  ['surveys', () => import('./surveys.js')],
];

const only = process.argv.slice(2);
const rows: BenchResult[] = [];
for (const [name, loader] of BENCHES) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  process.stderr.write(`… ${name}\n`);
  rows.push(...(await (await loader()).run()));
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
let failed = 0;
const lines = [
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  '',
  '| benchmark | figure | ceiling (same run) | ratio | bound |',
  '|---|---|---|---|---|',
];
for (const r of rows) {
  const ratio = r.ceiling && r.ceiling.value ? `${(r.value / r.ceiling.value).toFixed(2)}×` : '';
  let bound = '';
  if (r.limit) {
    const ok =
      (r.limit.max === undefined || r.value <= r.limit.max) &&
      (r.limit.min === undefined || r.value >= r.limit.min);
    if (!ok) failed++;
    bound = `${r.limit.max !== undefined ? `≤ ${r.limit.max}` : `≥ ${r.limit.min}`} ${r.unit} ${ok ? 'ok' : 'MISSED'}`;
  }
  lines.push(
    `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.ceiling ? `${r.ceiling.name}: ${fmt(r.ceiling.value)} ${r.unit}` : ''} | ${ratio} | ${bound} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
if (failed) {
  process.stderr.write(`${failed} benchmark bound(s) missed\n`);
  process.exit(1);
}
