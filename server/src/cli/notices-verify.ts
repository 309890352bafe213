import { loadConfig } from '../config.js';
import { verifyAllVersions } from '../modules/notices/verify.js';
import { CliError, describeTarget, openForCli, runCli } from './shared.js';

/**
 * `npm run notices:verify`: recompute the SHA-256 fingerprint of every published notice version
 * from its stored rows (docs/notices-design.md) and compare it with the stored fingerprint and
 * with the one the audit log recorded at publishing. Prints `OK: N versions verified`, or each
 * mismatch, and exits 1 when there is any.
 */
runCli(async () => {
  const config = loadConfig();
  const database = openForCli(config, { mustExist: true });
  try {
    process.stderr.write(`Verifying the notice fingerprints of ${describeTarget(config)}\n`);
    let result;
    try {
      result = await verifyAllVersions(database.db);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/notice_versions/.test(msg) && /no such table|does not exist/.test(msg))
        throw new CliError(
          `the database has no notice tables: run \`npm run migrate\` first (${msg})`,
        );
      throw err;
    }
    if (result.failures.length === 0) {
      process.stdout.write(`OK: ${result.checked} versions verified\n`);
      return 0;
    }
    for (const f of result.failures) {
      const why =
        f.recomputed !== f.stored
          ? `recomputed ${f.recomputed} from the stored rows, stored ${f.stored}`
          : `stored ${f.stored}, audit log recorded ${f.audited}`;
      process.stdout.write(
        `MISMATCH: unit ${f.unitId}, notice ${f.noticeId}, version ${f.version}: ${why}\n`,
      );
    }
    process.stdout.write(
      `FAILED: ${result.failures.length} of ${result.checked} versions do not match\n`,
    );
    return 1;
  } finally {
    await database.close();
  }
});
