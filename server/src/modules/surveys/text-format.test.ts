import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { translate } from '@lianxin/common';
import { questionSchema, type Question, type QuestionType } from './questions.js';
import {
  parseQuestionnaire,
  surveyToText,
  TEXT_PROBLEM_CODES,
  type ParsedQuestionnaire,
} from './text-format.js';

const SAMPLES = path.join(import.meta.dirname, 'text-samples');
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name), 'utf8');

/** [type, title, option count, maxChoices, required] (+ rows for a matrix, long for text). */
type Expected = [
  QuestionType,
  string,
  number,
  number | null,
  boolean,
  { rows?: number; long?: boolean }?,
];

interface SampleCase {
  title: string;
  questions: Expected[];
  problems?: Array<[number, string]>;
  check?: (r: ParsedQuestionnaire) => void;
}

const CASES: Record<string, SampleCase> = {
  'hospital-staff-satisfaction.txt': {
    title: '2026年度医院职工满意度调查问卷',
    questions: [
      ['single', '您所在的科室类型是？', 4, null, true],
      ['single', '您在本院的工作年限', 4, null, false],
      ['multiple', '您认为医院最需要改进的方面', 6, 3, false],
      ['scale', '您对医院整体工作环境的满意程度', 0, null, false],
      ['scale', '您对后勤保障（维修、保洁、安保）的满意程度', 0, null, false],
      ['text', '您对医院管理工作有哪些意见和建议？', 0, null, true, { long: true }],
    ],
    check: (r) => {
      expect(r.description).toContain('问卷匿名填写');
      expect(r.questions[2]!.options[5]).toBe('其他（请注明）');
      expect(r.questions[3]!.scale).toEqual({
        min: 1,
        max: 5,
        minLabel: '非常不满意',
        maxLabel: '非常满意',
      });
    },
  },
  'canteen.txt': {
    title: '职工食堂就餐满意度调查',
    questions: [
      ['single', '您每周在职工食堂就餐的次数', 4, null, false],
      ['multiple', '您通常在食堂吃哪几餐？', 4, null, false],
      ['scale', '您对食堂饭菜口味的评价', 0, null, false],
      ['scale', '您对食堂卫生状况的评价', 0, null, false],
      ['multiple', '您希望食堂增加哪些服务', 4, 2, false],
      ['text', '您对食堂还有什么建议？', 0, null, false, { long: false }],
    ],
    check: (r) => expect(r.questions[0]!.options).toEqual(['0次', '1-3次', '4-7次', '8次及以上']),
  },
  'training-needs.txt': {
    title: '２０２６年职工培训需求调查',
    questions: [
      ['single', '您的岗位类别', 4, null, false],
      ['multiple', '您最希望参加的培训内容', 5, 2, false],
      ['single', '您希望的培训方式', 4, null, false],
      ['ranking', '请按重要程度对以下因素排序', 4, null, false],
      ['text', '您对培训工作的其他建议', 0, null, false, { long: true }],
    ],
    check: (r) =>
      expect(r.questions[2]!.options).toEqual(['线下集中授课', '线上直播', '录播课程', '外出进修']),
  },
  'party-building.txt': {
    title: '党支部建设情况调查问卷',
    questions: [
      ['single', '您的政治面貌', 4, null, true],
      ['single', '您所在的党支部每月开展主题党日活动吗？', 2, null, false],
      ['multiple', '您参加过以下哪些学习形式？', 4, null, false],
      ['scale', '您对党支部“三会一课”质量的评价', 0, null, false],
      ['text', '您对党建工作与业务工作融合的意见', 0, null, false, { long: true }],
    ],
    problems: [
      [3, 'section'],
      [15, 'section'],
    ],
    check: (r) => {
      expect(r.questions[1]!.options).toEqual(['是', '否']);
      expect(r.questions[3]!.scale).toMatchObject({ minLabel: '非常不满意', maxLabel: '非常满意' });
    },
  },
  'teacher-workload.txt': {
    title: '学校教师工作量调查',
    questions: [
      ['single', '您任教的学段', 3, null, false],
      ['single', '您每周的课时数', 4, null, false],
      ['single', '您每天在校工作时间大约是', 3, null, false],
      ['matrix', '请评价以下各项工作占用您时间的程度', 5, null, false, { rows: 5 }],
      ['scale', '您对当前工作负担的总体感受', 0, null, false],
      ['multiple', '您认为哪些非教学任务可以减少？', 5, 3, false],
      ['text', '您对减轻教师负担的建议', 0, null, false, { long: true }],
    ],
    check: (r) => {
      expect(r.questions[3]!.rows).toEqual([
        '备课',
        '批改作业',
        '课后服务',
        '非教学任务',
        '家校沟通',
      ]);
      expect(r.questions[4]!.scale).toEqual({
        min: 1,
        max: 5,
        minLabel: '非常轻松',
        maxLabel: '非常繁重',
      });
    },
  },
  'lab-safety.txt': {
    title: '研究所实验室安全自查问卷',
    questions: [
      ['single', '您所在的实验室类型', 4, null, true],
      ['single', '您是否参加过本年度实验室安全培训？', 2, null, true],
      ['multiple', '您所在实验室存放的危险化学品种类', 4, null, false],
      ['scale', '您对所内实验室安全管理的满意程度', 0, null, false],
      ['text', '您发现过哪些安全隐患？', 0, null, false, { long: true }],
      ['text', '您所在实验室的通风橱数量', 0, null, false, { long: false }],
    ],
    check: (r) => {
      expect(r.questions[0]!.options).toEqual(['化学类', '生物类', '物理类', '其他']);
      expect(r.questions[2]!.showIf).toEqual({ questionId: 'q2', optionIndexes: [0] });
    },
  },
  'nps.txt': {
    title: '职工对医院的推荐度调查',
    questions: [
      ['nps', '您有多大可能向亲友推荐本院就医？', 0, null, false],
      ['nps', '您有多大可能推荐朋友来本院工作？', 0, null, false],
      ['text', '给出上述评分的主要原因是什么？', 0, null, false, { long: true }],
    ],
    problems: [[5, 'inferredNps']],
    check: (r) => expect(r.questions[0]!.description).toContain('完全不可能'),
  },
  'matrix.txt': {
    title: '后勤服务评价表',
    questions: [
      ['matrix', '请对以下后勤服务进行评价', 5, null, false, { rows: 4 }],
      ['matrix', '请对以下科室的配合情况评价', 4, null, false, { rows: 3 }],
      ['text', '您对后勤服务的其他意见', 0, null, false],
    ],
    check: (r) => {
      expect(r.questions[0]!.rows).toEqual(['水电维修', '保洁卫生', '安保巡逻', '车辆调度']);
      expect(r.questions[1]!.rows).toEqual(['药剂科', '检验科', '影像科']);
    },
  },
  'ranking.txt': {
    title: '职工福利需求排序调查',
    questions: [
      ['ranking', '请将以下福利项目按您的需要程度排序（最需要的排第一）', 5, null, false],
      ['ranking', '请对以下食堂改进措施排序', 3, null, false],
      ['single', '您所在的部门', 3, null, false],
    ],
  },
  'mixed-fullwidth.txt': {
    title: '工会活动意见征集表',
    questions: [
      ['multiple', '您参加过工会组织的哪些活动？', 4, 3, false],
      ['single', '您希望工会多组织哪类活动', 3, null, false],
      ['scale', '您对工会活动的总体满意度', 0, null, false],
      ['text', '您的意见和建议', 0, null, true, { long: true }],
    ],
  },
  'dunhao-dot.txt': {
    title: '青年职工思想状况调查',
    questions: [
      ['single', '您的年龄段', 3, null, false],
      ['multiple', '您目前最大的压力来源', 4, null, false],
      ['scale', '您对单位青年工作的满意度', 0, null, false],
      ['text', '您希望单位为青年职工做些什么？', 0, null, false],
    ],
  },
  'one-line-options.txt': {
    title: '科研管理服务调查',
    questions: [
      ['single', '您的职称', 4, null, false],
      ['multiple', '您申报过哪些级别的课题？', 4, null, false],
      ['single', '您对科研处服务是否满意？', 3, null, false],
    ],
    check: (r) => expect(r.questions[0]!.options).toEqual(['初级', '中级', '副高', '正高']),
  },
  'blank-lines.txt': {
    title: '停车管理问卷',
    questions: [
      ['single', '您通常如何上下班？', 4, null, false],
      ['scale', '您对院内停车管理的满意度', 0, null, false],
      ['text', '您对停车管理的建议', 0, null, false, { long: true }],
    ],
  },
  'messy.txt': {
    title: '信息化建设意见调查',
    questions: [
      ['single', '您使用最多的信息系统', 3, null, false],
      ['text', '您上传过哪些材料？', 0, null, false],
      ['multiple', '请选择您常用的功能', 2, null, false],
      ['single', '您是否满意', 1, null, false],
      ['matrix', '请评价各系统', 2, null, false, { rows: 0 }],
      ['scale', '您对系统速度的评分', 0, null, false],
      ['multiple', '请选择', 2, null, false],
      ['text', '您的其他意见', 0, null, false],
    ],
    problems: [
      [1, 'beforeQuestion'],
      [8, 'unrecognized'],
      [9, 'unsupportedType'],
      [10, 'maxTooLarge'],
      [13, 'fewOptions'],
      [15, 'emptyTitle'],
      [17, 'matrixMultiple'],
      [17, 'noRows'],
      [19, 'scaleRange'],
      [21, 'duplicateOption'],
      [22, 'inferredText'],
    ],
    check: (r) => expect(r.questions[5]!.scale).toMatchObject({ min: 1, max: 5 }),
  },
};

describe('parseQuestionnaire on realistic questionnaires', () => {
  it('has at least ten samples, each with expectations', () => {
    const files = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [file, c] of Object.entries(CASES)) {
    it(file, () => {
      const r = parseQuestionnaire(sample(file));
      expect(r.title).toBe(c.title);
      const got = r.questions.map((q): Expected => {
        const extra: { rows?: number; long?: boolean } = {};
        const want = c.questions[r.questions.indexOf(q)]?.[5];
        if (want?.rows !== undefined) extra.rows = q.rows.length;
        if (want?.long !== undefined) extra.long = q.long;
        return [
          q.type,
          q.title,
          q.options.length,
          q.maxChoices,
          q.required,
          ...(want ? [extra] : []),
        ] as Expected;
      });
      expect(got).toEqual(c.questions);
      expect(r.questions.map((q) => q.id)).toEqual(c.questions.map((_, i) => `q${i + 1}`));
      for (const q of r.questions) expect(questionSchema.parse(q)).toEqual(q);
      expect(r.problems.map((p) => [p.line, p.code])).toEqual(c.problems ?? []);
      c.check?.(r);
    });
  }
});

const parse = (text: string) => parseQuestionnaire(text);
const only = (text: string) => {
  const r = parse(text);
  expect(r.questions).toHaveLength(1);
  return r.questions[0]!;
};

describe('variations people write', () => {
  it.each([
    ['1. 性别 [单选题]'],
    ['1、性别 [单选题]'],
    ['1．性别 [单选题]'],
    ['1) 性别 [单选题]'],
    ['1）性别 [单选题]'],
    ['１．性别［单选题］'],
    ['第1题 性别 [单选题]'],
    ['第一题：性别【单选题】'],
    ['Q1 性别 (单选)'],
    ['Q1. 性别（单选题）'],
    ['性别 [单选题]'],
    ['一、性别 [单选题]'],
    ['1.[单选题]性别'],
  ])('numbers and markers: %s', (header) => {
    const q = only(`${header}\nA. 男\nB. 女\n`);
    expect(q).toMatchObject({ type: 'single', title: '性别', options: ['男', '女'] });
  });

  it.each([
    ['A. 男\nB. 女'],
    ['A、男\nB、女'],
    ['A) 男  B) 女'],
    ['(A) 男 (B) 女'],
    ['（A）男（B）女'],
    ['Ａ．男　Ｂ．女'],
    ['A.男B.女'],
    ['①男 ②女'],
    ['⑴男 ⑵女'],
    ['□男 □女'],
    ['○ 男  ○ 女'],
    ['(1) 男 (2) 女'],
    ['a. 男 b. 女'],
    ['A 男 B 女'],
    ['A.男\tB.女'],
    ['男\n女'],
    ['选项：男、女'],
    ['A. 男：____ B. 女：______'],
  ])('options: %s', (options) => {
    const q = only(`1. 性别 [单选题]\n${options}\n`);
    expect(q.options).toEqual(['男', '女']);
  });

  it('joins a title wrapped onto a second line and drops answer blanks', () => {
    const r = parse(
      '1. 您对医院在改善职工工作条件方面\n所做的努力是否满意？（  ）[单选题]\nA. 满意 B. 不满意\n' +
        '2. 您的工龄____年 [填空题]\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.questions.map((q) => [q.type, q.title, q.options.length])).toEqual([
      ['single', '您对医院在改善职工工作条件方面所做的努力是否满意？', 2],
      ['text', '您的工龄 年', 0],
    ]);
  });

  it('reads options written on the question line', () => {
    const q = only('1. 您的性别：A.男 B.女');
    expect(q).toMatchObject({ type: 'single', title: '您的性别：', options: ['男', '女'] });
    expect(only('2. 性别 [单选题] A. 男 B. 女').options).toEqual(['男', '女']);
    expect(only('3. 性别： □男 □女').options).toEqual(['男', '女']);
    expect(only('4. 您更常去 A 区还是 B 区食堂？[单选题]\nA. A区\nB. B区')).toMatchObject({
      title: '您更常去 A 区还是 B 区食堂？',
      options: ['A区', 'B区'],
    });
  });

  it.each([
    ['1. 改进方面（最多选3项）[多选题]', 3],
    ['1. 改进方面 [多选题]（至多2项）', 2],
    ['1. 改进方面 [多选题，最多选三项]', 3],
    ['1. 改进方面 [多选题][限选2项]', 2],
    ['1. 改进方面（可多选，不超过3项）', 3],
    ['1. 改进方面 [多选题]\n（最多选2项）', 2],
    ['1. 改进方面 [多选题]\n最多选择3项', 3],
  ])('maximum of a multiple choice: %s', (header, max) => {
    const q = only(`${header}\nA. 甲 B. 乙 C. 丙 D. 丁\n`);
    expect(q).toMatchObject({ type: 'multiple', title: '改进方面', maxChoices: max });
  });

  it.each([
    ['1. *姓名 [填空题]'],
    ['*1. 姓名 [填空题]'],
    ['1. 姓名* [填空题]'],
    ['1. 姓名 [填空题][必答]'],
    ['1. 姓名 [填空题]（必填）'],
    ['1. 姓名 【填空题】【必答题】'],
  ])('required: %s', (header) => {
    expect(only(header)).toMatchObject({ type: 'text', title: '姓名', required: true });
  });

  it.each([
    ['[填空题]', false],
    ['[单行填空]', false],
    ['[问答题]', true],
    ['[简答题]', true],
    ['[多行填空题]', true],
  ])('short and long text: %s', (marker, long) => {
    expect(only(`1. 意见 ${marker}`)).toMatchObject({ type: 'text', long, options: [] });
  });

  it.each([
    ['1. 满意度 [量表题] 1-5', 1, 5, '', ''],
    ['1. 满意度 [评分题]', 1, 5, '', ''],
    ['1. 满意度 [量表题 1-7]', 1, 7, '', ''],
    ['1. 满意度 [打分题]\n0～10分', 0, 10, '', ''],
    ['1. 满意度（1-5分）', 1, 5, '', ''],
    ['1. 满意度 [量表题]\n1=很差；5=很好', 1, 5, '很差', '很好'],
    ['1. 满意度 [量表题]\n1分表示很差，7分表示很好', 1, 7, '很差', '很好'],
    ['1. 满意度 [量表题]\n很差 1 2 3 4 5 很好', 1, 5, '很差', '很好'],
    ['1. 满意度 [量表题]\nA. 很差 B. 较差 C. 一般 D. 较好 E. 很好', 1, 5, '很差', '很好'],
  ])('scale: %s', (text, min, max, minLabel, maxLabel) => {
    const q = only(text);
    expect(q).toMatchObject({ type: 'scale', title: '满意度', options: [] });
    expect(q.scale).toEqual({ min, max, minLabel, maxLabel });
  });

  it('takes a 0-10 recommendation as NPS, with a note when unmarked', () => {
    const r = parse('1. 您向朋友推荐本院的可能性（0-10分）');
    expect(r.questions[0]).toMatchObject({ type: 'nps', title: '您向朋友推荐本院的可能性' });
    expect(r.problems.map((p) => p.code)).toEqual(['inferredNps']);
    expect(only('1. 推荐度 [NPS]')).toMatchObject({ type: 'nps', scale: null });
    expect(only('1. 推荐程度 [推荐度]').type).toBe('nps');
  });

  it('infers a type, with a note, when no marker says it', () => {
    const r = parse('1. 您的科室\nA. 内科\nB. 外科\n2. 您的姓名\n3. 您的岗位\n医生\n护士\n');
    expect(r.questions.map((q) => q.type)).toEqual(['single', 'text', 'single']);
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'inferredSingle'],
      [4, 'inferredText'],
      [5, 'inferredSingle'],
    ]);
  });

  it('keeps description lines and reports stray lines after the options', () => {
    const r = parse(
      '1. 您的科室 [单选题]\n说明：按编制填写\n请选一项\nA. 内科\nB. 外科\n多余的话\n',
    );
    expect(r.questions[0]!.description).toBe('按编制填写\n请选一项');
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([[6, 'unrecognized']]);
  });

  it('does not take times, years or decimals for question numbers', () => {
    const r = parse('1. 您的意见 [问答题]\n3:00 以后的值班安排\n2024年的情况\n1.5倍加班费\n');
    expect(r.questions).toHaveLength(1);
    expect(r.questions[0]!.description).toBe('3:00 以后的值班安排\n2024年的情况\n1.5倍加班费');
  });

  it('reads a matrix with rows listed after the columns, and show-if conditions', () => {
    const r = parse(
      '1. 您是否住院职工宿舍 [单选题]\nA. 是 B. 否\n' +
        '2. 请评价宿舍条件 [矩阵题][第1题选A时显示]\n列：满意、一般、不满意\n行：卫生、安全、噪音\n' +
        '3. 不住宿舍的原因 [多选题][当第1题选B时显示]\nA. 离家近 B. 费用 C. 其他\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.questions[1]).toMatchObject({
      type: 'matrix',
      options: ['满意', '一般', '不满意'],
      rows: ['卫生', '安全', '噪音'],
      showIf: { questionId: 'q1', optionIndexes: [0] },
    });
    expect(r.questions[2]!.showIf).toEqual({ questionId: 'q1', optionIndexes: [1] });
  });

  it('rejects a show-if condition on a later question or a missing option', () => {
    const r = parse(
      '1. 甲 [单选题][第2题选A时显示]\nA. 是 B. 否\n2. 乙 [单选题][第1题选C时显示]\nA. 是 B. 否\n',
    );
    expect(r.questions.map((q) => q.showIf)).toEqual([null, null]);
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'showIfInvalid'],
      [3, 'showIfInvalid'],
    ]);
  });

  it('caps at 100 questions, reporting where it stopped', () => {
    const text = Array.from({ length: 105 }, (_, i) => `${i + 1}. 题目${i + 1} [填空题]`).join(
      '\n',
    );
    const r = parse(text);
    expect(r.questions).toHaveLength(100);
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([[101, 'tooManyQuestions']]);
  });

  it('cuts what is too long and removes what is too many, saying so', () => {
    const long = '很'.repeat(600);
    const opts = Array.from({ length: 52 }, (_, i) => `□选项${i + 1}`).join('\n');
    const r = parse(`1. ${long} [单选题]\n${opts}\nA. ${'长'.repeat(250)}\n`);
    expect(r.questions[0]!.title).toHaveLength(500);
    expect(r.questions[0]!.options).toHaveLength(50);
    expect(r.problems.map((p) => p.code)).toEqual(['tooLong', 'tooManyOptions']);
  });

  it('reports random text line by line and finds no question', () => {
    const r = parse('今天天气不错\n\n我们去吃饭吧\nlorem ipsum\n');
    expect(r.questions).toEqual([]);
    expect(r.title).toBeNull();
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'unrecognized'],
      [3, 'unrecognized'],
      [4, 'unrecognized'],
    ]);
  });

  it('answers the messages in the requested language', () => {
    const text = sample('messy.txt');
    const zh = parseQuestionnaire(text, 'zh-CN');
    const en = parseQuestionnaire(text, 'en');
    expect(en.problems.map((p) => p.code)).toEqual(zh.problems.map((p) => p.code));
    expect(zh.problems[0]!.message).toBe(translate('zh-CN', 'surveys.text.problem.beforeQuestion'));
    expect(en.problems[0]!.message).toBe('An option before the first question was ignored.');
    const unsupported = en.problems.find((p) => p.code === 'unsupportedType')!;
    expect(unsupported.message).toBe(
      'The question type “文件上传题” is not supported; it was taken as text.',
    );
    for (const p of [...zh.problems, ...en.problems])
      expect(p.message).not.toMatch(/[{}]|surveys\./);
  });

  it('has a message in both languages for every problem code', () => {
    for (const code of TEXT_PROBLEM_CODES) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(translate(locale, `surveys.text.problem.${code}`)).not.toContain('surveys.text');
      }
    }
  });

  it('stays fast on a pathological 100,000-character paste', () => {
    const inputs = [
      'A'.repeat(100_000),
      `1. ${'A. '.repeat(33_000)}`,
      `1. 题 [量表题]\n很差${' '.repeat(99_000)}好`,
      `${'1'.repeat(50_000)}\n${'[('.repeat(25_000)}`,
      `1. 题 [单选题]\n${'A.甲'.repeat(30_000)}`,
    ];
    const started = Date.now();
    for (const text of inputs) parse(text);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('surveyToText', () => {
  const q = (over: Partial<Question> & Pick<Question, 'id' | 'type' | 'title'>): Question =>
    questionSchema.parse(over);
  const every: Question[] = [
    q({
      id: 'a1',
      type: 'single',
      title: '您所在的科室类型是？',
      required: true,
      options: ['临床', '医技'],
    }),
    q({
      id: 'a2',
      type: 'multiple',
      title: '需要改进的方面',
      options: ['食堂', '停车', '值班室'],
      maxChoices: 2,
      randomize: true,
      description: '请结合实际\n可以多选',
      showIf: { questionId: 'a1', optionIndexes: [0, 1] },
    }),
    q({ id: 'a3', type: 'text', title: '姓名' }),
    q({ id: 'a4', type: 'text', title: '意见和建议', long: true, required: true }),
    q({
      id: 'a5',
      type: 'scale',
      title: '食堂满意程度',
      scale: { min: 0, max: 7, minLabel: '非常不满意', maxLabel: '非常满意' },
    }),
    q({
      id: 'a6',
      type: 'scale',
      title: '停车满意程度',
      scale: { min: 1, max: 5, minLabel: '', maxLabel: '' },
    }),
    q({ id: 'a7', type: 'nps', title: '推荐本院的可能性' }),
    q({
      id: 'a8',
      type: 'matrix',
      title: '评价下列方面',
      rows: ['食堂', '停车'],
      options: ['满意', '一般', '不满意'],
    }),
    q({
      id: 'a9',
      type: 'ranking',
      title: '请排序',
      options: ['工资', '住房', '教育'],
      randomize: true,
    }),
  ];

  /** The same questions, renumbered q1… as an import numbers them. */
  const renumbered = (qs: Question[]) => {
    const ids = new Map(qs.map((x, i) => [x.id, `q${i + 1}`]));
    return qs.map((x, i) => ({
      ...x,
      id: `q${i + 1}`,
      showIf: x.showIf ? { ...x.showIf, questionId: ids.get(x.showIf.questionId)! } : null,
    }));
  };

  it('writes the canonical form', () => {
    const text = surveyToText('职工满意度调查', every.slice(0, 2), '请如实填写');
    expect(text).toBe(
      [
        '职工满意度调查',
        '请如实填写',
        '',
        '1. 您所在的科室类型是？ [单选题][必答]',
        'A. 临床',
        'B. 医技',
        '',
        '2. 需要改进的方面 [多选题][最多选2项][选项随机][第1题选A、B时显示]',
        '说明：请结合实际',
        '说明：可以多选',
        'A. 食堂',
        'B. 停车',
        'C. 值班室',
        '',
      ].join('\n'),
    );
  });

  it('round-trips every question type', () => {
    const text = surveyToText('职工满意度调查', every, '前言一\n前言二');
    const r = parseQuestionnaire(text);
    expect(r.problems).toEqual([]);
    expect(r.title).toBe('职工满意度调查');
    expect(r.description).toBe('前言一\n前言二');
    expect(r.questions).toEqual(renumbered(every));
  });

  it('round-trips more than 26 options', () => {
    const many = q({
      id: 'x',
      type: 'multiple',
      title: '选择',
      options: Array.from({ length: 40 }, (_, i) => `选项${i + 1}`),
      maxChoices: 30,
    });
    expect(parseQuestionnaire(surveyToText('t', [many])).questions).toEqual(renumbered([many]));
  });

  const word = fc.constantFrom(
    '您',
    '对',
    '食堂',
    '停车',
    '医院',
    '工作',
    '环境',
    '的',
    '满意',
    '程度',
    '科室',
    '培训',
    '？',
    '（含夜班）',
    '临床',
    '护理',
    '行政',
    '后勤',
    '2026年',
    'HIS',
    '“三会一课”',
  );
  const phrase = (max: number) =>
    fc.array(word, { minLength: 1, maxLength: max }).map((w) => w.join(''));
  const options = fc.uniqueArray(phrase(3), { minLength: 2, maxLength: 30 });
  const base = {
    title: phrase(8),
    description: fc.constantFrom('', '请如实填写', '第一行\n第二行'),
    required: fc.boolean(),
  };
  const question: fc.Arbitrary<Omit<Question, 'id' | 'showIf'>> = fc.oneof(
    fc.record({ ...base, type: fc.constant('single' as const), options, randomize: fc.boolean() }),
    fc
      .record({
        ...base,
        type: fc.constant('multiple' as const),
        options,
        randomize: fc.boolean(),
        max: fc.nat(),
      })
      .map(({ max, ...r }) => ({
        ...r,
        maxChoices: max % 3 === 0 ? null : 1 + (max % r.options.length),
      })),
    fc.record({ ...base, type: fc.constant('ranking' as const), options, randomize: fc.boolean() }),
    fc.record({ ...base, type: fc.constant('text' as const), long: fc.boolean() }),
    fc.record({ ...base, type: fc.constant('nps' as const) }),
    fc.record({
      ...base,
      type: fc.constant('matrix' as const),
      options,
      rows: fc.uniqueArray(phrase(3), { minLength: 1, maxLength: 30 }),
    }),
    fc
      .record({
        ...base,
        type: fc.constant('scale' as const),
        min: fc.integer({ min: 0, max: 9 }),
        span: fc.integer({ min: 1, max: 10 }),
        minLabel: fc.constantFrom('', '非常不满意', '很差'),
        maxLabel: fc.constantFrom('', '非常满意', '很好'),
      })
      .map(({ min, span, minLabel, maxLabel, ...r }) => ({
        ...r,
        scale: { min, max: Math.min(10, min + span), minLabel, maxLabel },
      })),
  ) as fc.Arbitrary<Omit<Question, 'id' | 'showIf'>>;

  it('round-trips random questionnaires (property)', () => {
    fc.assert(
      fc.property(
        phrase(6),
        fc.array(question, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (title, drafts, links) => {
          const qs: Question[] = drafts.map((d, i) => questionSchema.parse({ ...d, id: `k${i}` }));
          // A few show-if conditions on earlier choice questions.
          links.forEach((n, i) => {
            const at = 1 + (n % qs.length);
            const target = qs
              .slice(0, at)
              .findLast((x) => x.type === 'single' || x.type === 'multiple');
            if (at < qs.length && target && i % 2 === 0) {
              qs[at] = {
                ...qs[at]!,
                showIf: { questionId: target.id, optionIndexes: [n % target.options.length] },
              };
            }
          });
          const r = parseQuestionnaire(surveyToText(title, qs));
          expect(r.problems).toEqual([]);
          expect(r.title).toBe(title);
          expect(r.questions).toEqual(renumbered(qs));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseQuestionnaire on arbitrary text (property)', () => {
  const check = (text: string) => {
    const r = parseQuestionnaire(text);
    const lines = text.split(/\r\n|\r|\n|\u2028|\u2029|\v|\f/).length;
    for (const p of r.problems) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lines);
      expect(TEXT_PROBLEM_CODES).toContain(p.code);
      expect(p.message).not.toBe('');
    }
    r.questions.forEach((q, i) => {
      expect(questionSchema.parse(q)).toEqual(q);
      expect(q.id).toBe(`q${i + 1}`);
    });
    expect(r.questions.length).toBeLessThanOrEqual(100);
    if (r.title !== null) expect(r.title.length).toBeLessThanOrEqual(200);
  };

  it('never throws on any string, and every problem line is in the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), check), {
      numRuns: 500,
    });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), check), { numRuns: 300 });
  });

  it('never throws on lines made of questionnaire fragments', () => {
    const fragment = fc.constantFrom(
      '1.',
      '２．',
      '第3题',
      'Q4',
      '一、',
      '[单选题]',
      '【多选题】',
      '（最多选3项）',
      '[量表题 1-5]',
      '[矩阵题]',
      '[排序题]',
      '[NPS]',
      '[第1题选A时显示]',
      '[第9题选Z时显示]',
      '*',
      'A.',
      'B、',
      '(C)',
      '①',
      '□',
      '(1)',
      '行：',
      '列：',
      '说明：',
      '1=差',
      '10=好',
      '很差 1 2 3 4 5 很好',
      '0-10分',
      '推荐',
      '食堂',
      ' ',
      '\n',
      '\n\n',
      '\r\n',
      '\t',
      '____',
    );
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 80 }).map((f) => f.join('')),
        check,
      ),
      { numRuns: 1000 },
    );
  });
});
