import ExcelJS from 'exceljs';
import { translate, type Locale } from '@lianxin/common';
import type { Ratio } from './figures.js';
import type { OpinionFiguresView } from './statistics.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A text cell is never read as a formula: a leading = + - @ gets a ' in front. */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const RATES = [
  'acceptance',
  'onTimeSigning',
  'onTimeReply',
  'satisfaction',
  'solved',
  'redo',
  'bounce',
] as const;

/** The month's figures as one sheet: a row per department, then the unit's total. */
export async function figuresWorkbook(view: OpinionFiguresView, locale: Locale): Promise<Buffer> {
  const t = (key: string) => translate(locale, key);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '连心';
  const sheet = workbook.addWorksheet(`${t('opinions.figures.sheet')} ${view.month}`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = [
    { header: t('opinions.figures.department'), key: 'department', width: 24 },
    { header: t('opinions.figures.submitted'), key: 'submitted', width: 10 },
    ...RATES.map((r) => ({ header: t(`opinions.figures.${r}`), key: r, width: 12 })),
    { header: t('opinions.figures.replied'), key: 'replied', width: 10 },
    { header: t('opinions.figures.avgHandlingDays'), key: 'avgHandlingDays', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  const rows = [
    ...view.departments.map((d) => ({
      ...d,
      label: d.departmentName ?? t('opinions.figures.noDepartment'),
    })),
    { ...view.total, label: t('opinions.figures.total') },
  ];
  for (const d of rows) {
    const rate = (r: Ratio) => r.rate;
    const row = sheet.addRow({
      department: safeText(d.label),
      submitted: d.submitted,
      ...Object.fromEntries(RATES.map((r) => [r, rate(d[r])])),
      replied: d.replied,
      avgHandlingDays: d.avgHandlingDays,
    });
    for (const r of RATES) row.getCell(r).numFmt = '0.0%';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
