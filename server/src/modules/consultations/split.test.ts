import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNumeral, splitDraft } from './split.js';

const HOSPITAL = `××市人民医院2026年度绩效考核办法（征求意见稿）

为进一步完善我院绩效考核体系，调动职工积极性，结合医院实际，制定本办法。

第一章\u3000总则
第一条\u3000为规范绩效考核工作，根据国家有关规定，制定本办法。
第二条\u3000本办法适用于全院在编在岗职工及合同制职工。
第二章\u3000考核内容与方法
第三条\u3000考核内容包括：
（一）工作数量；
（二）工作质量；
（三）患者满意度。
第四条 考核采取月度考核与年度考核相结合的方式。依照第三条规定的内容逐项评分。
第三条规定的内容由各科室细化。
第三章\u3000结果运用
第五条\u3000考核结果与绩效工资挂钩。
第六条\u3000本办法自印发之日起施行，由人事科负责解释。
`;

const SCHOOL = `××中学教师考勤制度（征求意见稿）

一、总则
为加强教师队伍管理，严肃工作纪律，特制定本制度。
二、上下班时间
1. 教师应于7:40前到校签到。
2. 下午5:30后方可离校。
三、请假制度
（一）病假须持医院证明。
（二）事假须提前一天申请。
四、附则
本制度自2027年1月1日起执行。`;

describe('parseNumeral', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一百', 100],
    ['一百零五', 105],
    ['一百二十', 120],
    ['一百二十三', 123],
    ['两百', 200],
    ['12', 12],
    ['１２', 12],
    ['二〇', 20],
  ])('%s is %d', (text, n) => expect(parseNumeral(text)).toBe(n));

  it('refuses what is not a number', () => {
    expect(parseNumeral('甲')).toBeNaN();
    expect(parseNumeral('')).toBeNaN();
  });
});

describe('splitDraft', () => {
  it('splits a hospital 绩效考核办法 into the preamble and its articles, with chapters', () => {
    const s = splitDraft(HOSPITAL);
    expect(s.map((x) => x.kind)).toEqual([
      'preamble',
      'article',
      'article',
      'article',
      'article',
      'article',
      'article',
    ]);
    expect(s.map((x) => x.label)).toEqual([
      '',
      '第一条',
      '第二条',
      '第三条',
      '第四条',
      '第五条',
      '第六条',
    ]);
    expect(s[0]!.text).toBe(
      '××市人民医院2026年度绩效考核办法（征求意见稿）\n为进一步完善我院绩效考核体系，调动职工积极性，结合医院实际，制定本办法。',
    );
    expect(s[1]!.chapter).toBe('第一章\u3000总则');
    expect(s[3]!.chapter).toBe('第二章\u3000考核内容与方法');
    expect(s[3]!.text).toBe(
      '第三条\u3000考核内容包括：\n（一）工作数量；\n（二）工作质量；\n（三）患者满意度。',
    );
    // A line starting with an earlier article's number stays in the article it is part of.
    expect(s[4]!.text).toContain('第三条规定的内容由各科室细化。');
    // Chapter headings are not article text.
    expect(s[4]!.text).not.toContain('第三章');
    expect(s[5]!.chapter).toBe('第三章\u3000结果运用');
  });

  it('counts articles past 第一百二十条 and accepts 第1条 with Arabic numbers', () => {
    const long = Array.from({ length: 125 }, (_, i) => `第${cn(i + 1)}条 内容${i + 1}。`).join(
      '\n',
    );
    const s = splitDraft(long);
    expect(s).toHaveLength(125);
    expect(s[119]!.label).toBe('第一百二十条');
    expect(s[124]!.text).toBe('第一百二十五条 内容125。');
    const arabic = splitDraft('总则\n第1条 甲。\n第2条 乙。\n第3条丙。');
    expect(arabic.map((x) => x.label)).toEqual(['', '第1条', '第2条', '第3条']);
  });

  it('splits a school 教师考勤制度 by its 一、二、 headings, keeping 1. 2. inside', () => {
    const s = splitDraft(SCHOOL);
    expect(s.map((x) => [x.kind, x.label])).toEqual([
      ['preamble', ''],
      ['heading', '一、'],
      ['heading', '二、'],
      ['heading', '三、'],
      ['heading', '四、'],
    ]);
    expect(s[2]!.text).toBe('二、上下班时间\n1. 教师应于7:40前到校签到。\n2. 下午5:30后方可离校。');
  });

  it('splits by chapters when there are no articles, and by 1. 2. headings last', () => {
    const ch = splitDraft('第一章 目的\n甲\n第二章 范围\n乙');
    expect(ch.map((x) => [x.kind, x.label])).toEqual([
      ['chapter', '第一章'],
      ['chapter', '第二章'],
    ]);
    const num = splitDraft('食堂管理规定\n1．就餐时间\n早餐7点\n2．就餐秩序\n排队');
    expect(num.map((x) => [x.kind, x.label])).toEqual([
      ['preamble', ''],
      ['heading', '1.'],
      ['heading', '2.'],
    ]);
  });

  it('keeps a draft without markers as one section, and nothing for blank text', () => {
    const s = splitDraft(
      '关于调整夏季作息时间的通知\n\n自6月1日起，上午8:00上班。\r\n下午2:30上班。',
    );
    expect(s).toEqual([
      {
        kind: 'whole',
        label: '',
        chapter: '',
        text: '关于调整夏季作息时间的通知\n自6月1日起，上午8:00上班。\n下午2:30上班。',
      },
    ]);
    expect(splitDraft('  \n\n\u3000')).toEqual([]);
    // A lone "3.5" or "2026." is no heading.
    expect(splitDraft('3.5 万元\n2026.01 起')).toHaveLength(1);
  });

  it('ignores an article marker out of sequence', () => {
    const s = splitDraft('第一条 甲\n第三条 乙\n第二条 丙');
    expect(s.map((x) => x.label)).toEqual(['第一条', '第二条']);
    expect(s[0]!.text).toBe('第一条 甲\n第三条 乙');
  });
});

function cn(n: number): string {
  const d = '零一二三四五六七八九';
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = '';
  if (h) s += `${d[h]}百`;
  if (t) s += `${h || t > 1 ? d[t] : ''}十`;
  else if (h && u) s += '零';
  if (u) s += d[u];
  return s;
}

describe('splitDraft on random drafts', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      '第一条 甲',
      '第二条 乙',
      '第三条丙',
      '第一章 总则',
      '第二章 附则',
      '一、总则',
      '二、附则',
      '1. 甲',
      '2. 乙',
      '',
      '\u3000',
      '第1条 丁',
    ),
  );
  it('loses no line: every non-blank line is in exactly one section (chapter lines as chapters)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const sections = splitDraft(text);
        const kept = text
          .replace(/\r\n?/g, '\n')
          .replace(/[\u200b\ufeff]/g, '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        if (kept.length === 0) return sections.length === 0;
        // The sections' lines are the input's lines in order, less the chapter headings that
        // name an article's chapter.
        const inSections = sections.flatMap((s) => s.text.split('\n'));
        const chapters = new Set(sections.map((s) => s.chapter).filter(Boolean));
        const left: string[] = [];
        let i = 0;
        for (const l of kept) {
          if (inSections[i] === l) i++;
          else left.push(l);
        }
        expect(i).toBe(inSections.length);
        for (const l of left) expect(chapters.has(l)).toBe(true);
        expect(left.length).toBeLessThanOrEqual(sections.filter((s) => s.chapter).length);
        expect(sections.length).toBeGreaterThan(0);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
