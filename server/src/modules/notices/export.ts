import ExcelJS from 'exceljs';
import { translate, type Locale } from '@lianxin/common';
import type { Actor } from '../../core/actor.js';
import type { Database } from '../../db/database.js';
import { safeText, XLSX_TYPE } from '../opinions/export-figures.js';
import { maskName } from './mask.js';
import * as repo from './repository.js';

export { XLSX_TYPE };

/** .xlsx exports of the archive and of one notice; names masked on sensitive notices. */

function book() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '连心';
  return workbook;
}

const label = (locale: Locale, key: string, value: string | null) =>
  value ? translate(locale, `${key}.${value}`) : '';

/** The archive: one row per notice of the year and type (published and closed ones). */
export async function archiveWorkbook(
  database: Database,
  actor: Actor,
  filter: { year?: number; type?: string },
  locale: Locale,
): Promise<Buffer> {
  const t = (key: string) => translate(locale, key);
  const { rows } = await repo.listNotices(database.db, database.kind, {
    unitId: actor.unitId,
    scopeDepartmentIds: null,
    statuses: ['published', 'closed'],
    type: filter.type,
    year: filter.year,
    page: 1,
    pageSize: 10_000,
  });
  const workbook = book();
  const sheet = workbook.addWorksheet(t('notices.export.sheetNotices'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = [
    { header: t('notices.export.id'), key: 'id', width: 8 },
    { header: t('notices.export.type'), key: 'type', width: 14 },
    { header: t('notices.export.title'), key: 'title', width: 40 },
    { header: t('notices.export.status'), key: 'status', width: 10 },
    { header: t('notices.export.startsOn'), key: 'startsOn', width: 12 },
    { header: t('notices.export.endsOn'), key: 'endsOn', width: 12 },
    { header: t('notices.export.version'), key: 'version', width: 8 },
    { header: t('notices.export.objections'), key: 'objections', width: 8 },
    { header: t('notices.export.result'), key: 'result', width: 18 },
    { header: t('notices.export.name'), key: 'items', width: 40 },
    { header: t('notices.export.fingerprint'), key: 'fingerprint', width: 66 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const n of rows) {
    const [items, objections, versions] = await Promise.all([
      repo.listItems(database.db, n.id),
      repo.listObjections(database.db, n.id),
      repo.listVersions(database.db, n.id),
    ]);
    const masked = n.sensitive === 1;
    sheet.addRow({
      id: n.id,
      type: label(locale, 'notices.type', n.type),
      title: safeText(n.title),
      status: label(locale, 'notices.status', n.status),
      startsOn: n.starts_on ?? '',
      endsOn: n.ends_on ?? '',
      version: n.version,
      objections: objections.length,
      result: label(locale, 'notices.result', n.result),
      items: safeText(items.map((i) => (masked ? maskName(i.name) : i.name)).join('、')),
      fingerprint: versions.find((v) => v.version === n.version)?.fingerprint ?? '',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One notice: its items, and its objections with their findings (objectors named if named). */
export async function noticeWorkbook(
  database: Database,
  notice: repo.NoticeRow,
  locale: Locale,
): Promise<Buffer> {
  const t = (key: string) => translate(locale, key);
  const masked = notice.sensitive === 1;
  const [items, objections, versions] = await Promise.all([
    repo.listItems(database.db, notice.id),
    repo.listObjections(database.db, notice.id),
    repo.listVersions(database.db, notice.id),
  ]);
  const names = await repo.accountNames(
    database.db,
    objections.map((o) => o.objector_account_id ?? 0),
  );
  const name = (n: string) => (masked ? maskName(n) : n);
  const workbook = book();
  const info = workbook.addWorksheet(t('notices.export.sheetNotices'));
  info.columns = [
    { key: 'k', width: 16 },
    { key: 'v', width: 70 },
  ];
  const current = versions.find((v) => v.version === notice.version);
  for (const [k, v] of [
    ['notices.export.id', String(notice.id)],
    ['notices.export.type', label(locale, 'notices.type', notice.type)],
    ['notices.export.title', notice.title],
    ['notices.export.status', label(locale, 'notices.status', notice.status)],
    ['notices.export.startsOn', notice.starts_on ?? ''],
    ['notices.export.endsOn', notice.ends_on ?? ''],
    ['notices.export.version', String(notice.version)],
    ['notices.export.fingerprint', current?.fingerprint ?? ''],
    ['notices.export.result', label(locale, 'notices.result', notice.result)],
  ] as const)
    info.addRow({ k: t(k), v: safeText(v) });
  info.getColumn(1).font = { bold: true };

  const itemSheet = workbook.addWorksheet(t('notices.export.sheetItems'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  itemSheet.columns = [
    { header: t('notices.export.seq'), key: 'seq', width: 6 },
    { header: t('notices.export.name'), key: 'name', width: 16 },
    { header: t('notices.export.detail'), key: 'detail', width: 50 },
    { header: t('notices.export.itemStatus'), key: 'status', width: 10 },
    { header: t('notices.export.note'), key: 'note', width: 40 },
  ];
  itemSheet.getRow(1).font = { bold: true };
  for (const i of items)
    itemSheet.addRow({
      seq: i.seq,
      name: safeText(name(i.name)),
      detail: safeText(i.detail),
      status: label(locale, 'notices.itemStatus', i.status),
      note: safeText(i.note ?? ''),
    });

  const objSheet = workbook.addWorksheet(t('notices.export.sheetObjections'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  objSheet.columns = [
    { header: t('notices.export.item'), key: 'item', width: 16 },
    { header: t('notices.export.reasons'), key: 'reasons', width: 50 },
    { header: t('notices.export.objector'), key: 'objector', width: 12 },
    { header: t('notices.export.submittedOn'), key: 'submittedOn', width: 12 },
    { header: t('notices.export.finding'), key: 'finding', width: 14 },
    { header: t('notices.export.explanation'), key: 'explanation', width: 50 },
    { header: t('notices.export.foundOn'), key: 'foundOn', width: 12 },
  ];
  objSheet.getRow(1).font = { bold: true };
  for (const o of objections) {
    const item = items.find((i) => i.id === o.item_id);
    objSheet.addRow({
      item: safeText(item ? name(item.name) : ''),
      reasons: safeText(o.reasons),
      objector:
        o.anonymous === 1
          ? t('notices.anonymous')
          : safeText(names.get(o.objector_account_id ?? 0) ?? ''),
      submittedOn: o.submitted_on,
      finding: label(locale, 'notices.finding', o.finding),
      explanation: safeText(o.explanation ?? ''),
      foundOn: o.found_on ?? '',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
