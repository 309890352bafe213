import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipSync } from '../../../../test/zip.js';
import { cellText, decodeText, parseRoster, RosterFileError, zipUnpackedSize } from './parse.js';

async function xlsx(
  rows: unknown[][],
  build?: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  for (const r of rows) sheet.addRow(r);
  build?.(sheet, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function fileError(buffer: Buffer) {
  try {
    await parseRoster(buffer);
  } catch (err) {
    if (err instanceof RosterFileError) return err;
    throw err;
  }
  throw new Error('parsed without error');
}

describe('parseRoster: .xlsx', () => {
  it('reads the first worksheet with spreadsheet row numbers, skipping blank rows', async () => {
    const buf = await xlsx(
      [
        ['工号', '姓名', '部门', '职务', '手机', '政治面貌', '角色', '职代会代表'],
        ['A001', '张伟', '内科/心内科', '主治医师', '13800138000', '中共党员', '职工', '是'],
        [],
        [null, '  ', ''],
        ['A002', ' 李娜 ', '党委办公室'],
      ],
      (_s, wb) => wb.addWorksheet('其他').addRow(['x']),
    );
    const parsed = await parseRoster(buf);
    expect(parsed.format).toBe('xlsx');
    expect(parsed.columns).toEqual([
      'staffNo',
      'name',
      'department',
      'position',
      'phone',
      'politicalStatus',
      'roles',
      'congressDelegate',
    ]);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        staffNo: 'A001',
        name: '张伟',
        department: '内科/心内科',
        position: '主治医师',
        phone: '13800138000',
        politicalStatus: '中共党员',
        roles: '职工',
        congressDelegate: '是',
      },
      {
        row: 5,
        staffNo: 'A002',
        name: '李娜',
        department: '党委办公室',
        position: '',
        phone: '',
        politicalStatus: '',
        roles: '',
        congressDelegate: '',
      },
    ]);
  });

  it('keeps every digit of a 工号 stored as a number, and the zeros its format shows', async () => {
    const buf = await xlsx(
      [
        ['工号', '姓名', '部门', '手机号码'],
        [100234, '张伟', '外科', 13800138000],
        [42, '王芳', '外科', null],
        [123456789012345, '李强', '外科', null],
      ],
      (sheet) => {
        sheet.getCell('A3').numFmt = '00000';
      },
    );
    const parsed = await parseRoster(buf);
    expect(parsed.rows.map((r) => r.staffNo)).toEqual(['100234', '00042', '123456789012345']);
    expect(parsed.rows[0]!.phone).toBe('13800138000');
    expect(parsed.columns).toContain('phone');
  });

  it('reads rich text, formulas, hyperlinks and dates as their text', async () => {
    const buf = await xlsx([['工号', '姓名', '部门', '职务']], (sheet) => {
      sheet.addRow([
        { formula: '"A"&"9"', result: 'A9' },
        { richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] },
        { text: '外科', hyperlink: 'https://example.com' },
        new Date(Date.UTC(2026, 0, 2)),
      ]);
    });
    const [row] = (await parseRoster(buf)).rows;
    expect(row).toMatchObject({
      staffNo: 'A9',
      name: '张三',
      department: '外科',
      position: '2026-01-02',
    });
  });

  it('finds the header below a title row, and accepts header variants', async () => {
    const buf = await xlsx([
      ['某某医院职工花名册（2026年）'],
      [' 工号* ', '姓名', '科室', '岗位', '手机号', '政治面貌', '角色'],
      ['B1', '赵敏', '外科', '护士', '139 0013 9000', '群众', '职工'],
    ]);
    const parsed = await parseRoster(buf);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]).toMatchObject({
      row: 3,
      department: '外科',
      position: '护士',
      phone: '139 0013 9000',
    });
    expect(parsed.columns).not.toContain('congressDelegate');
  });

  it('refuses wrong headers, naming what is missing or repeated', async () => {
    const err = await fileError(
      await xlsx([
        ['编号', '姓名', '手机', '手机号'],
        ['1', '张三', '', ''],
      ]),
    );
    expect(err.code).toBe('IMPORT_HEADERS_INVALID');
    expect(err.problems).toEqual([
      { row: 1, column: '工号', code: 'headerMissing', params: { column: '工号' } },
      { row: 1, column: '部门', code: 'headerMissing', params: { column: '部门' } },
      { row: 1, column: '手机', code: 'headerDuplicate', params: { column: '手机' } },
    ]);
  });

  it('calls a workbook with headers but no data rows empty', async () => {
    expect((await fileError(await xlsx([['工号', '姓名', '部门'], []]))).code).toBe(
      'IMPORT_FILE_EMPTY',
    );
    expect((await fileError(await xlsx([]))).code).toBe('IMPORT_FILE_EMPTY');
  });

  it('refuses a zip that is not a workbook, and a broken zip', async () => {
    // A zip with one stored text entry: PK header, a valid central directory, no workbook.
    expect((await fileError(zipSync({ 'hello.txt': 'hi' }))).code).toBe('IMPORT_FILE_UNREADABLE');
    const real = await xlsx([
      ['工号', '姓名', '部门'],
      ['1', '张', '外科'],
    ]);
    expect((await fileError(real.subarray(0, 200))).code).toBe('IMPORT_FILE_UNREADABLE');
  });

  it('refuses a zip that claims to unpack to more than it may (a zip bomb) before unpacking it', async () => {
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': 'x' }, { declaredSize: 0xfffffff0 });
    expect((await fileError(bomb)).code).toBe('IMPORT_FILE_TOO_LARGE');
  });
});

describe('parseRoster: .csv', () => {
  it('reads UTF-8 with a BOM and CRLF line ends, numbering rows as a spreadsheet shows them', async () => {
    const csv =
      '\ufeff工号,姓名,部门,角色\r\nC1,张伟,内科/心内科,"职工,群工办"\r\n\r\nC2,"王\n芳",外科,\r\n';
    const parsed = await parseRoster(Buffer.from(csv, 'utf8'));
    expect(parsed.format).toBe('csv');
    expect(parsed.rows).toEqual([
      expect.objectContaining({ row: 2, staffNo: 'C1', roles: '职工,群工办' }),
      expect.objectContaining({ row: 4, staffNo: 'C2', name: '王 芳', department: '外科' }),
    ]);
  });

  it('reads UTF-8 without BOM, GBK (Excel on Chinese Windows) and tab-separated UTF-16', async () => {
    const text = '工号,姓名,部门\nD1,张伟,外科\n';
    const utf8 = await parseRoster(Buffer.from(text, 'utf8'));
    expect(utf8.rows[0]).toMatchObject({ staffNo: 'D1', name: '张伟', department: '外科' });
    // "工号,姓名,部门\nD1,张伟,外科\n" in GBK.
    const gbk = Buffer.from('b9a4bac52cd0d5c3fb2cb2bfc3c50a44312cd5c5ceb02ccde2bfc60a', 'hex');
    expect(new TextDecoder('gbk').decode(gbk)).toBe('工号,姓名,部门\nD1,张伟,外科\n');
    expect((await parseRoster(gbk)).rows[0]).toMatchObject({
      staffNo: 'D1',
      name: '张伟',
      department: '外科',
    });
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text.replace(/,/g, '\t'), 'utf16le'),
    ]);
    expect((await parseRoster(utf16)).rows[0]).toMatchObject({ staffNo: 'D1', department: '外科' });
  });

  it('refuses an empty file and a file of blank lines as empty', async () => {
    expect((await fileError(Buffer.alloc(0))).code).toBe('IMPORT_FILE_EMPTY');
    expect((await fileError(Buffer.from('\n \r\n,,\n'))).code).toBe('IMPORT_FILE_EMPTY');
    expect((await fileError(Buffer.from('工号,姓名,部门\n,,\n'))).code).toBe('IMPORT_FILE_EMPTY');
  });

  it('refuses bytes that are not a spreadsheet, whatever the file is called', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const xls = Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex');
    const random = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256));
    for (const bytes of [
      png,
      xls,
      random,
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
    ]) {
      expect((await fileError(bytes)).code).toBe('IMPORT_FILE_UNREADABLE');
    }
  });

  it('refuses a text file without the headers', async () => {
    const err = await fileError(Buffer.from('hello world\nthis is not a roster\n'));
    expect(err.code).toBe('IMPORT_HEADERS_INVALID');
    expect(err.problems.map((p) => p.params?.column)).toEqual(['工号', '姓名', '部门']);
  });
});

describe('helpers', () => {
  it('cellText', () => {
    expect(cellText(1e15)).toBe('1000000000000000');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText('\u200b 张三\u3000')).toBe('张三');
    expect(cellText({ formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue)).toBe('2');
    expect(cellText(null)).toBe('');
  });

  it('decodeText refuses control characters', () => {
    expect(decodeText(Buffer.from('a,b\u0001c'))).toBeNull();
    expect(decodeText(Buffer.from('a,b\tc\r\n'))).toBe('a,b\tc\r\n');
  });

  it('zipUnpackedSize reads the central directory', async () => {
    expect(zipUnpackedSize(zipSync({ 'a.txt': 'hello', 'b.txt': 'hi' }))).toBe(7);
    expect(zipUnpackedSize(Buffer.from('PK\u0003\u0004 nothing else'))).toBeNull();
  });
});
