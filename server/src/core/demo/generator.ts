import type { ContentRole, PoliticalStatus } from '@lianxin/common';

/**
 * The demo unit 示范医院, generated from a fixed seed: the same departments, people and staff
 * numbers on every machine. Pure: no database here.
 */

export const DEMO_UNIT = { code: 'demo', name: '示范医院' } as const;

export const DEMO_DEPARTMENTS: Array<{ name: string; children: string[] }> = [
  { name: '职能部门', children: ['党委办公室', '院长办公室', '人事科'] },
  { name: '内科', children: ['心内科', '消化内科', '呼吸内科'] },
  { name: '外科', children: ['普外科', '骨科', '麻醉科'] },
];

export const DEMO_ADMINS = [
  { username: 'sysadmin', name: '系统管理员', role: 'system_admin' },
  { username: 'secadmin', name: '安全管理员', role: 'security_admin' },
  { username: 'auditadmin', name: '审计管理员', role: 'audit_admin' },
] as const;

interface DemoMatter {
  title: string;
  category: string;
  department: string | null;
  people: number;
  urgency: number;
  feasibility: number;
  /** Being handled under a deadline that started this many calendar days ago. */
  deadline?: { startedDaysAgo: number; workingDays: number };
}

/** Matters recorded by the office (座谈会、走访) in the demo's issue pool. */
export const DEMO_POOL: readonly DemoMatter[] = [
  {
    title: '夜班职工就餐难，食堂晚上八点后无热饭',
    category: '后勤保障',
    department: '职能部门/院长办公室',
    people: 120,
    urgency: 4,
    feasibility: 4,
  },
  {
    title: '院内停车位紧张，职工早班常找不到车位',
    category: '后勤保障',
    department: null,
    people: 260,
    urgency: 3,
    feasibility: 2,
  },
  {
    title: '职称评审材料要求不清楚，希望提前公布细则',
    category: '职称评聘',
    department: '职能部门/人事科',
    people: 45,
    urgency: 4,
    feasibility: 5,
    deadline: { startedDaysAgo: 0, workingDays: 10 },
  },
  {
    title: '心内科护士夜班连续排班过多',
    category: '排班休假',
    department: '内科/心内科',
    people: 18,
    urgency: 5,
    feasibility: 3,
    deadline: { startedDaysAgo: 20, workingDays: 5 },
  },
  {
    title: '职工子女暑期托管需求',
    category: '困难帮扶',
    department: null,
    people: 60,
    urgency: 2,
    feasibility: 3,
  },
  {
    title: '骨科值班室空调故障',
    category: '后勤保障',
    department: '外科/骨科',
    people: 12,
    urgency: 4,
    feasibility: 5,
    deadline: { startedDaysAgo: 4, workingDays: 3 },
  },
];

export interface DemoPerson {
  staffNo: string;
  name: string;
  departmentPath: string;
  position: string;
  phone: string;
  politicalStatus: PoliticalStatus;
  congressDelegate: boolean;
  roles: ContentRole[];
}

/** mulberry32: small, fast, good enough for demo data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Common surnames, most frequent first (weighting comes from repeating the head of the list).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = (
  '伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 斌 鹏 辉 宇 浩 欣 琳 颖 ' +
  '秀英 桂英 建国 建华 志强 晓东 晓燕 海燕 春燕 丹丹 婷婷 雪梅 立新 卫东 国庆 红霞 亚楠 ' +
  '子轩 雨涵 思远 嘉怡 晨阳 俊杰 文博 佳琪 梓萱 一鸣 宏伟 德胜 淑珍 玉兰 丽华 永刚 振华 ' +
  '海波 志刚 晓明 秀兰 文静 雅琴 慧敏 建军 小红 国华 宇航 欣怡 浩然 子涵 梦瑶 俊峰 明辉'
).split(' ');

const CLINICAL_POSITIONS = [
  '住院医师',
  '主治医师',
  '副主任医师',
  '主任医师',
  '护士',
  '护师',
  '主管护师',
  '技师',
];
const ADMIN_POSITIONS = ['科员', '科员', '副科长', '干事', '主管'];

const PEOPLE_PER_DEPARTMENT = [16, 14, 16, 44, 40, 38, 46, 42, 36];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** A realistic Chinese name, skewed towards the commonest surnames. */
export function personName(rand: () => number): string {
  // Skew towards the commonest surnames.
  const s = SURNAMES[Math.floor(Math.pow(rand(), 1.8) * SURNAMES.length)]!;
  return s + GIVEN[Math.floor(rand() * GIVEN.length)]!;
}

function politicalStatus(rand: () => number): PoliticalStatus {
  const r = rand();
  if (r < 0.34) return 'cpc_member';
  if (r < 0.38) return 'cpc_probationary';
  if (r < 0.5) return 'cyl_member';
  if (r < 0.53) return 'democratic_party';
  return 'masses';
}

/** The featured people whose logins are printed, one per content role. */
export const FEATURED: Record<ContentRole, { staffNo: string }> = {
  staff: { staffNo: '104012' },
  department_head: { staffNo: '104001' },
  leader: { staffNo: '102001' },
  office: { staffNo: '101002' },
  motion_committee: { staffNo: '107003' },
  supervisor: { staffNo: '101004' },
};

export interface DemoData {
  departments: Array<{ path: string; name: string; parentPath: string | null }>;
  people: DemoPerson[];
}

export function generateDemo(): DemoData {
  const rand = prng(20261127);
  const departments: DemoData['departments'] = [];
  const leaves: string[] = [];
  for (const top of DEMO_DEPARTMENTS) {
    departments.push({ path: top.name, name: top.name, parentPath: null });
    for (const child of top.children) {
      const path = `${top.name}/${child}`;
      departments.push({ path, name: child, parentPath: top.name });
      leaves.push(path);
    }
  }

  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  leaves.forEach((path, d) => {
    const count = PEOPLE_PER_DEPARTMENT[d % PEOPLE_PER_DEPARTMENT.length]!;
    const administrative = path.startsWith('职能部门');
    for (let i = 1; i <= count; i++) {
      let name = personName(rand);
      while (usedNames.has(name)) name = personName(rand);
      usedNames.add(name);
      const staffNo = `1${String(d + 1).padStart(2, '0')}${String(i).padStart(3, '0')}`; // 104012: 心内科, 12th
      const head = i === 1;
      const roles: ContentRole[] = ['staff'];
      if (head) roles.push('department_head');
      people.push({
        staffNo,
        name,
        departmentPath: path,
        position: head
          ? administrative
            ? '主任'
            : '科主任'
          : pick(rand, administrative ? ADMIN_POSITIONS : CLINICAL_POSITIONS),
        phone: `1${pick(rand, ['38', '39', '58', '86', '77'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
        politicalStatus: head ? 'cpc_member' : politicalStatus(rand),
        congressDelegate: head || rand() < 0.08,
        roles,
      });
    }
  });

  const byNo = new Map(people.map((p) => [p.staffNo, p]));
  const give = (staffNo: string, role: ContentRole, position?: string) => {
    const p = byNo.get(staffNo);
    if (!p) throw new Error(`demo person ${staffNo} missing`);
    if (!p.roles.includes(role)) p.roles.push(role);
    if (position) p.position = position;
  };
  // 院长办公室 (department 2): the unit's leaders.
  give('102001', 'leader', '院长');
  give('102002', 'leader', '副院长');
  give('102003', 'leader', '副院长');
  // 党委办公室 (department 1) hosts the mass-work office and discipline supervision.
  give('101002', 'office', '群工办主任');
  give('101003', 'office', '群工办干事');
  give('101004', 'supervisor', '纪检干事');
  // The workers' congress motion committee, drawn from three departments.
  give('107003', 'motion_committee');
  give('103005', 'motion_committee');
  give('105005', 'motion_committee');
  for (const no of ['102001', '102002', '102003', '101002', '101004']) {
    byNo.get(no)!.politicalStatus = 'cpc_member';
  }
  return { departments, people };
}
