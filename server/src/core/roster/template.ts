import ExcelJS from 'exceljs';
import { ROLE_BY_CHINESE } from '@lianxin/common';
import { COLUMN_HEADERS, ROSTER_COLUMNS } from './parse.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const EXAMPLES: Array<Record<(typeof ROSTER_COLUMNS)[number], string>> = [
  {
    staffNo: '100001',
    name: '张伟',
    department: '内科/心内科',
    position: '主治医师',
    phone: '13800138000',
    politicalStatus: '中共党员',
    roles: '职工',
    congressDelegate: '是',
  },
  {
    staffNo: '100002',
    name: '李娜',
    department: '党委办公室',
    position: '干事',
    phone: '13900139000',
    politicalStatus: '群众',
    roles: '职工、群工办',
    congressDelegate: '否',
  },
];

const NOTES = [
  ['列', '说明'],
  ['工号', '必填。字母、数字、- 或 _，最长 32 位；再次导入时按工号更新，工号即登录用户名。'],
  ['姓名', '必填，最多 50 字。'],
  ['部门', '必填。用 / 分隔上下级，如“内科/心内科”，最多 5 级；不存在的部门会自动创建。'],
  ['职务', '选填，最多 50 字。'],
  ['手机', '选填，11 位手机号。'],
  ['政治面貌', '选填：中共党员、中共预备党员、共青团员、民主党派、无党派人士、群众。'],
  [
    '角色',
    `选填，多个用顿号分隔。可填：${Object.keys(ROLE_BY_CHINESE).join('、')}。每人都有“职工”角色；管理员角色不能导入。有此列时，导入会把每人的角色设为所填内容；没有此列时保留原有角色。`,
  ],
  ['职代会代表', '选填：是 / 否。'],
  ['', '缺少的可选列不会改动已有数据。新导入的人员暂不能登录，需由系统管理员发放初始密码。'],
];

let cached: Promise<Buffer> | null = null;

/** The roster template: the headers, two example rows, and a sheet of notes. Built once. */
export function rosterTemplate(): Promise<Buffer> {
  cached ??= build();
  return cached;
}

async function build(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '连心';
  const sheet = workbook.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({
    header: COLUMN_HEADERS[c],
    key: c,
    width: c === 'department' || c === 'roles' ? 24 : 14,
    // Text cells: Excel keeps a 工号's leading zeros and a phone number's digits.
    style: c === 'staffNo' || c === 'phone' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const example of EXAMPLES) sheet.addRow(example);
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ width: 12 }, { width: 100 }];
  for (const line of NOTES) notes.addRow(line);
  notes.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
