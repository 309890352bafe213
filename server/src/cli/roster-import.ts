import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { translate, type Locale } from '@lianxin/common';
import { loadConfig } from '../config.js';
import { systemActor } from '../core/actor.js';
import * as org from '../core/org/repository.js';
import { importRoster, type RosterImportReport } from '../core/roster/commands.js';
import type { ImportProgress } from '../core/roster/progress.js';
import { migrateToLatest } from '../db/migrate.js';
import { CliError, describeTarget, openForCli, runCli } from './shared.js';

const USAGE = `usage: npm run roster:import -- FILE [--unit CODE] [--dry-run] [--deactivate-missing]

  FILE                  a roster, .xlsx or .csv, with the headers 工号 姓名 部门 (and optionally
                        职务 手机 政治面貌 角色 职代会代表)
  --unit CODE           the unit to import into (needed when there is more than one)
  --dry-run             check the file and report what would change; write nothing
  --deactivate-missing  deactivate the unit's people who are not in the file (never deletes)

Exit status: 0 imported (or the dry run passed), 1 the file was refused or the import failed.`;

/**
 * `npm run roster:import`: the same import as the web page, as the system actor, with a
 * progress bar on a terminal. Prints the report in Chinese (LIANXIN_LOCALE=en for English).
 */
runCli(async () => {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'deactivate-missing': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.positionals.length !== 1) throw new CliError(USAGE, 2);
  const file = path.resolve(args.positionals[0]!);
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const locale: Locale = process.env.LIANXIN_LOCALE === 'en' ? 'en' : 'zh-CN';
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale, key, params);

  const config = loadConfig();
  const database = openForCli(config);
  try {
    await migrateToLatest(database);
    const unit = await chooseUnit(database.db, args.values.unit);
    process.stderr.write(
      `${path.basename(file)} → ${unit.name} (${unit.code}), ${describeTarget(config)}\n`,
    );

    const bar = process.stderr.isTTY
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: '{phase} [{bar}] {percentage}% | {value}/{total}',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    let started = false;
    const onProgress = (p: ImportProgress) => {
      if (!bar) return;
      const phase = t(`roster.phase.${p.phase}`);
      if (!started) {
        bar.start(Math.max(p.totalRows, 1), p.processedRows, { phase });
        started = true;
      }
      bar.setTotal(Math.max(p.totalRows, p.processedRows, 1));
      bar.update(p.processedRows, { phase });
    };
    let report: RosterImportReport;
    try {
      report = await importRoster(
        { database, actor: systemActor(unit.id) },
        {
          fileName: path.basename(file),
          buffer,
          dryRun: args.values['dry-run'],
          deactivateMissing: args.values['deactivate-missing'],
          onProgress,
        },
      );
    } finally {
      if (started) bar?.stop();
    }
    process.stdout.write(`${formatReport(report, t)}\n`);
    return report.status === 'succeeded' ? 0 : 1;
  } finally {
    await database.close();
  }
});

async function chooseUnit(db: Parameters<typeof org.listUnits>[0], code: string | undefined) {
  const units = await org.listUnits(db);
  if (code) {
    const unit = units.find((u) => u.code === code);
    if (!unit)
      throw new CliError(
        `no unit with the code ${code} (units: ${units.map((u) => u.code).join(', ') || 'none'})`,
      );
    return unit;
  }
  if (units.length === 1) return units[0]!;
  if (units.length === 0)
    throw new CliError(
      'the database has no unit yet: start the server once (demo or set-up) first',
    );
  throw new CliError(
    `several units: choose one with --unit (${units.map((u) => u.code).join(', ')})`,
    2,
  );
}

function formatReport(
  r: RosterImportReport,
  t: (key: string, params?: Record<string, string | number>) => string,
): string {
  const lines: string[] = [];
  if (r.dryRun) lines.push(t('roster.report.dryRun'));
  const status = t(`roster.status.${r.status}`);
  lines.push(
    r.errorCode ? `${status}${t('roster.report.separator')}${t(`error.${r.errorCode}`)}` : status,
  );
  if (r.status === 'succeeded') {
    lines.push(
      t(r.dryRun ? 'roster.report.dryRunCounts' : 'roster.report.counts', {
        total: r.totalRows,
        created: r.created,
        updated: r.updated,
        deactivated: r.deactivated,
        departments: r.departmentsCreated,
      }),
    );
    for (const p of r.departmentPaths) lines.push(`  + ${p}`);
  }
  if (r.problems.length) {
    lines.push(t('roster.report.problemCount', { count: r.problems.length }));
    for (const p of r.problems) {
      lines.push(
        `  ${t('roster.report.problem', {
          row: p.row,
          column: p.column ? ` [${p.column}]` : '',
          reason: t(`importProblem.${p.code}`, p.params),
        })}`,
      );
    }
  }
  return lines.join('\n');
}
