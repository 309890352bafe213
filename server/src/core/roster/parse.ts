import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ErrorCode } from '@lianxin/common';
import type { RowProblem } from './problems.js';

/**
 * Read a roster file (.xlsx or .csv) into rows keyed by column, each with its spreadsheet row
 * number (the header is normally row 1). The format is told by the bytes, never by the name.
 */

export const ROSTER_COLUMNS = [
  'staffNo',
  'name',
  'department',
  'position',
  'phone',
  'politicalStatus',
  'roles',
  'congressDelegate',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly RosterColumn[] = ['staffNo', 'name', 'department'];

/** The header each column has in the template; problems name their column by it. */
export const COLUMN_HEADERS: Record<RosterColumn, string> = {
  staffNo: '工号',
  name: '姓名',
  department: '部门',
  position: '职务',
  phone: '手机',
  politicalStatus: '政治面貌',
  roles: '角色',
  congressDelegate: '职代会代表',
};

/** Headers people actually write, after normalising (see `normaliseHeader`). */
const HEADER_ALIASES: Record<RosterColumn, readonly string[]> = {
  staffNo: ['工号', '职工号', '员工号', '员工编号', '职工编号', '人员编号'],
  name: ['姓名', '职工姓名', '员工姓名'],
  department: ['部门', '科室', '所在部门', '所属部门', '所在科室', '部门/科室', '科室/部门'],
  position: ['职务', '岗位', '职位', '职务/岗位'],
  phone: ['手机', '手机号', '手机号码', '移动电话', '联系电话', '电话'],
  politicalStatus: ['政治面貌'],
  roles: ['角色', '系统角色', '平台角色'],
  congressDelegate: ['职代会代表', '是否职代会代表', '职工代表', '是否职工代表'],
};

const COLUMN_BY_HEADER = new Map<string, RosterColumn>(
  ROSTER_COLUMNS.flatMap((c) => HEADER_ALIASES[c].map((h) => [h, c] as const)),
);

/** File-level failures; row-level ones are the validator's. */
export type RosterFileErrorCode = Extract<
  ErrorCode,
  | 'IMPORT_FILE_EMPTY'
  | 'IMPORT_FILE_UNREADABLE'
  | 'IMPORT_HEADERS_INVALID'
  | 'IMPORT_FILE_TOO_LARGE'
>;

export class RosterFileError extends Error {
  constructor(
    readonly code: RosterFileErrorCode,
    /** Header problems, placed on the header row. */
    readonly problems: RowProblem[] = [],
  ) {
    super(code);
    this.name = 'RosterFileError';
  }
}

export type RosterRow = { row: number } & Record<RosterColumn, string>;

export interface ParsedRoster {
  format: 'xlsx' | 'csv';
  /** The columns the file has (absent optional columns leave existing data alone). */
  columns: RosterColumn[];
  /** Data rows that are not blank, in file order. Absent columns read as ''. */
  rows: RosterRow[];
}

/** More rows than any unit has staff; beyond it the file is refused as too large. */
export const MAX_ROWS = 100_000;
/** A bound on what an .xlsx may unpack to, so a small zip cannot exhaust memory. */
const MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** The header is looked for in the first rows, below any title rows. */
const HEADER_SEARCH_ROWS = 10;

export async function parseRoster(buffer: Buffer): Promise<ParsedRoster> {
  if (buffer.length === 0) throw new RosterFileError('IMPORT_FILE_EMPTY');
  const grid = isZip(buffer) ? await readXlsx(buffer) : readCsv(buffer);
  return toRoster(grid.format, grid.rows);
}

interface Grid {
  format: 'xlsx' | 'csv';
  /** [spreadsheet row number, cell texts by 0-based column]. */
  rows: Array<[number, string[]]>;
}

// ---- header and rows ----

export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/\*/g, '')
    .replace(/\([^()]*\)$/, '');
}

function toRoster(format: Grid['format'], rows: Grid['rows']): ParsedRoster {
  const nonBlank = rows.filter(([, cells]) => cells.some((c) => c !== ''));
  if (nonBlank.length === 0) throw new RosterFileError('IMPORT_FILE_EMPTY');

  const candidates = nonBlank.slice(0, HEADER_SEARCH_ROWS).map(([row, cells]) => ({
    row,
    cells,
    mapped: cells.map((c) => COLUMN_BY_HEADER.get(normaliseHeader(c))),
  }));
  const header =
    candidates.find((c) => REQUIRED_COLUMNS.every((r) => c.mapped.includes(r))) ?? candidates[0]!;

  const found = header.mapped.filter((c): c is RosterColumn => !!c);
  const missing = REQUIRED_COLUMNS.filter((c) => !found.includes(c));
  const duplicate = [...new Set(found.filter((c, i) => found.indexOf(c) !== i))];
  if (missing.length || duplicate.length) {
    const problem = (c: RosterColumn, code: RowProblem['code']): RowProblem => ({
      row: header.row,
      column: COLUMN_HEADERS[c],
      code,
      params: { column: COLUMN_HEADERS[c] },
    });
    throw new RosterFileError('IMPORT_HEADERS_INVALID', [
      ...missing.map((c) => problem(c, 'headerMissing')),
      ...duplicate.map((c) => problem(c, 'headerDuplicate')),
    ]);
  }

  const index = new Map<RosterColumn, number>();
  header.mapped.forEach((c, i) => {
    if (c) index.set(c, i);
  });
  const out: RosterRow[] = [];
  for (const [row, cells] of nonBlank) {
    if (row <= header.row) continue;
    const record = { row } as RosterRow;
    let blank = true;
    for (const column of ROSTER_COLUMNS) {
      const i = index.get(column);
      const value = i === undefined ? '' : (cells[i] ?? '');
      if (value !== '') blank = false;
      record[column] = value;
    }
    // A row with text only in columns we do not read (a remark) is a blank row too.
    if (blank) continue;
    out.push(record);
    if (out.length > MAX_ROWS) throw new RosterFileError('IMPORT_FILE_TOO_LARGE');
  }
  if (out.length === 0) throw new RosterFileError('IMPORT_FILE_EMPTY');
  return { format, columns: ROSTER_COLUMNS.filter((c) => index.has(c)), rows: out };
}

/**
 * Trim, including the full-width space; drop the invisible characters spreadsheets carry; a line
 * break inside a cell (Alt+Enter) or another control character becomes a space.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
}

// ---- .xlsx ----

function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

async function readXlsx(buffer: Buffer): Promise<Grid> {
  const unpacked = zipUnpackedSize(buffer);
  if (unpacked === null) throw new RosterFileError('IMPORT_FILE_UNREADABLE');
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) throw new RosterFileError('IMPORT_FILE_TOO_LARGE');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's own Buffer type predates Node's generic Buffer.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new RosterFileError('IMPORT_FILE_UNREADABLE');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RosterFileError('IMPORT_FILE_UNREADABLE');
  const rows: Grid['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const values = row.values as ExcelJS.CellValue[];
    for (let c = 1; c < values.length; c++) {
      const v = values[c];
      if (v === undefined || v === null) {
        cells.push('');
        continue;
      }
      const numFmt = typeof v === 'number' ? row.getCell(c).numFmt : undefined;
      cells.push(cellText(v, numFmt));
    }
    rows.push([rowNumber, cells]);
  });
  return { format: 'xlsx', rows };
}

/**
 * A cell as the text a person sees: rich text joined, formulas by their result, whole numbers
 * with all their digits (a 工号 typed as a number stays 100234, and keeps the leading zeros its
 * "00000" number format shows).
 */
export function cellText(value: ExcelJS.CellValue | undefined, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return cleanText(value.richText.map((r) => r.text ?? '').join(''));
    }
    if ('formula' in value || 'sharedFormula' in value) {
      return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt);
    }
    if ('text' in value)
      return cellText((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return cleanText(String(value));
}

function numberText(n: number, numFmt?: string): string {
  if (!Number.isFinite(n)) return '';
  if (!Number.isInteger(n)) return String(n);
  let text = BigInt(n).toString();
  if (numFmt && /^0+$/.test(numFmt) && text.length < numFmt.length) {
    text = text.padStart(numFmt.length, '0');
  }
  return text;
}

/**
 * The total size the zip's entries declare, read from its central directory; null when the
 * file is not a well-formed zip. Zip64 entries (over 4 GB) count as too large.
 */
export function zipUnpackedSize(buffer: Buffer): number | null {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  const from = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CDH) return null;
    const size = buffer.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at +=
      46 +
      buffer.readUInt16LE(at + 28) +
      buffer.readUInt16LE(at + 30) +
      buffer.readUInt16LE(at + 32);
  }
  return total;
}

// ---- .csv ----

/** Signatures of files that are certainly not text: old .xls/.doc, PDF, images, archives. */
const BINARY_MAGIC: readonly number[][] = [
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2: .xls, .doc
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];

function readCsv(buffer: Buffer): Grid {
  if (BINARY_MAGIC.some((m) => m.every((b, i) => buffer[i] === b))) {
    throw new RosterFileError('IMPORT_FILE_UNREADABLE');
  }
  const text = decodeText(buffer);
  if (text === null) throw new RosterFileError('IMPORT_FILE_UNREADABLE');
  if (text.trim() === '') throw new RosterFileError('IMPORT_FILE_EMPTY');
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch {
    throw new RosterFileError('IMPORT_FILE_UNREADABLE');
  }
  // Each record is one spreadsheet row, as Excel shows the file (a quoted cell may span lines).
  return {
    format: 'csv',
    rows: records.map((cells, i) => [i + 1, cells.map(cleanText)] as [number, string[]]),
  };
}

/**
 * Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else
 * GB 18030 (a superset of GBK, what Excel on Chinese Windows saves as CSV). Null when the bytes
 * decode as none of these, or decode to control characters: not a text file at all.
 */
export function decodeText(buffer: Buffer): string | null {
  const attempt = (encoding: string, bytes: Uint8Array) => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return null;
    }
  };
  let text: string | null;
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    text = attempt('utf-8', buffer.subarray(3));
  else if (buffer[0] === 0xff && buffer[1] === 0xfe) text = attempt('utf-16le', buffer.subarray(2));
  else if (buffer[0] === 0xfe && buffer[1] === 0xff) text = attempt('utf-16be', buffer.subarray(2));
  else text = attempt('utf-8', buffer) ?? attempt('gb18030', buffer);
  if (text === null) return null;
  // Binary content: NUL or other C0 control characters that no spreadsheet export writes.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return null;
  return text;
}

function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';', '，'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}
