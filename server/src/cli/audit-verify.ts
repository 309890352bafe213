import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import type { ChainBreak } from '../core/audit/chain.js';
import { verifyChains } from '../core/audit/repository.js';
import { CliError, describeTarget, openForCli, runCli } from './shared.js';

const EXPLAIN: Record<ChainBreak['reason'], string> = {
  hash_mismatch: "the entry's content does not match its hash (changed after it was written)",
  prev_hash_mismatch:
    'the entry does not link to the one before it (an entry was replaced or inserted)',
  seq_gap: 'a sequence number is missing or repeated (an entry was removed or inserted)',
  head_mismatch: 'the chain ends before the recorded head (entries were removed from the end)',
};

/**
 * `npm run audit:verify`: walk every unit's audit chain. Prints `OK: N entries verified`, or
 * the first broken link of each unit, and exits 1 when any chain is broken.
 */
runCli(async () => {
  const config = loadConfig();
  const database = openForCli(config, { mustExist: true });
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: 'verifying audit chains [{bar}] {percentage}% | {value}/{total} entries',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  try {
    process.stderr.write(`Verifying the audit log of ${describeTarget(config)}\n`);
    let started = false;
    let result;
    try {
      result = await verifyChains(database, (done, total) => {
        if (!bar) return;
        if (!started) {
          bar.start(Math.max(total, 1), 0);
          started = true;
        }
        bar.setTotal(Math.max(total, done, 1));
        bar.update(done);
      });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/audit_(heads|log)/.test(msg) && /no such table|does not exist/.test(msg)) {
        throw new CliError(
          `the database has no audit tables: run \`npm run migrate\` first (${msg})`,
        );
      }
      throw err;
    } finally {
      if (started) bar?.stop();
    }
    const { checked, breaks } = result;
    if (breaks.length === 0) {
      process.stdout.write(`OK: ${checked} entries verified\n`);
      return 0;
    }
    for (const b of breaks) {
      process.stdout.write(
        `BROKEN: unit ${b.unitId}, seq ${b.seq}, entry id ${b.id}: ${b.reason} — ${EXPLAIN[b.reason]}\n`,
      );
    }
    process.stdout.write(
      `FAILED: ${breaks.length} broken chain${breaks.length === 1 ? '' : 's'}; ${checked} entries checked\n`,
    );
    return 1;
  } finally {
    await database.close();
  }
});
