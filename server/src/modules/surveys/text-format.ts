import { translate, type Locale } from '@lianxin/common';
import {
  MAX_OPTIONS,
  MAX_QUESTIONS,
  MAX_ROWS,
  questionSchema,
  type Question,
  type QuestionType,
} from './questions.js';

/**
 * A questionnaire as plain text, the way people write it in Word, and back (mechanisms.md §3).
 *
 * Import (`parseQuestionnaire`) is generous and never throws: every line it cannot place is
 * reported by its 1-based number, and every assumption it makes is reported as a note (same
 * list, so a page can show both beside the line). Export (`surveyToText`) writes the canonical
 * form below, which the import reads back to the same questions:
 *
 *   职工满意度调查                     ← the survey title (lines before question 1; more lines: description)
 *
 *   1. 您所在的科室类型是？[单选题][必答]
 *   说明：按编制所在科室填写           ← a question's description
 *   A. 临床
 *   B. 医技
 *
 *   2. 您希望改进的方面 [多选题][最多选3项][选项随机][第1题选A、B时显示]
 *   3. 您对食堂的满意程度 [量表题 1-5]
 *   1=非常不满意
 *   5=非常满意
 *   4. 您向朋友推荐本院工作的可能性 [NPS]
 *   5. 请评价下列方面 [矩阵单选题]
 *   （1）食堂                          ← matrix rows; A. B. … are its columns
 *   6. 请排序 [排序题]   7. 意见 [问答题] (long text)   8. 姓名 [填空题] (short text)
 *
 * Accepted variations: numbers `1.` `1、` `1．` `1)` `1）` `第1题` `第一题：` `Q1` and full-width
 * digits (`一、` only with a type marker: otherwise it is a section heading); a line without a
 * number is a question when it carries a type marker. Type markers in [] 【】 〔〕 () （） with many
 * synonyms (单选/多选/可多选/填空/问答/简答/量表/评分/打分/NPS/推荐度/矩阵/排序/判断/下拉), also
 * on a line of their own under the question; `*` or [必答]/[必填] for required; 最多/至多/限/
 * 不超过 N 项 (also 三项) for the maximum; [选项随机]; [第1题选A、B时显示] / [第2题选A者作答] for
 * show-if. Options `A.` `A、` `A)` `(A)` `（A）` `Ａ．` `①` `⑴` `□` `○` `(1)`, one per line, several
 * on one line (also `A.是B.否` and tab-separated), or after the title on the question's line;
 * without letters one per line when the question has a choice marker (or, unmarked, when there
 * are at least two short lines); `选项：甲、乙`. Matrix rows as `（1）…` lines, `行：甲、乙` or
 * plain lines, columns as lettered options or `列：满意、一般`. A scale's range as `1-5`
 * `1～5分` `（1-5分）` and its end labels as `1=非常不满意`, `1分表示…` or
 * `非常不满意 1 2 3 4 5 非常满意`; lettered options under [量表题] become the scale (with a note).
 * A title wrapped onto a second line (ending with the type marker) is joined. Lines before the
 * first option are the question's description (`说明：` explicitly); a plain line after the
 * options is reported. Blank lines anywhere, CRLF, a BOM; answer blanks (`______`, `（  ）`) are
 * dropped; `其他（请注明）____` keeps `其他（请注明）`.
 *
 * A question without a type marker is inferred, with a note (a problem of code `inferred*`):
 * options → single choice; a score range or labels → rating scale (NPS when 0–10 and about
 * recommending); otherwise text. Section headings (一、基本情况 / 第一部分) are ignored with a
 * note. What breaks the question model is fixed and reported: too long (cut), too many options or
 * rows (removed), duplicates (removed), a maximum above the options (removed), an invalid show-if
 * (removed), a range outside 0–10 (1–5), a question without wording (skipped), more than 100
 * questions (the rest ignored). Text with no question at all reports every non-blank line as not
 * understood. Every returned question passes `questionSchema`, with ids q1, q2… in order.
 */

export const TEXT_PROBLEM_CODES = [
  'unrecognized',
  'beforeQuestion',
  'section',
  'inferredSingle',
  'inferredText',
  'inferredScale',
  'inferredNps',
  'unsupportedType',
  'matrixMultiple',
  'fewOptions',
  'noRows',
  'noColumns',
  'optionsIgnored',
  'rowsIgnored',
  'scaleFromOptions',
  'maxIgnored',
  'maxTooLarge',
  'duplicateOption',
  'tooManyOptions',
  'tooManyRows',
  'tooLong',
  'emptyTitle',
  'showIfInvalid',
  'scaleRange',
  'tooManyQuestions',
] as const;
export type TextProblemCode = (typeof TEXT_PROBLEM_CODES)[number];

export interface TextProblem {
  /** 1-based line of the pasted text. */
  line: number;
  /** Stable code; the message is `surveys.text.problem.<code>` in the request's language. */
  code: TextProblemCode;
  message: string;
}

export interface ParsedQuestionnaire {
  /** The first line before question 1, if any (at most 200 characters). */
  title: string | null;
  /** The other lines before question 1. */
  description: string;
  questions: Question[];
  problems: TextProblem[];
}

/** The longest text the import accepts (the route answers SURVEY_TEXT_TOO_LONG beyond). */
export const MAX_TEXT_LENGTH = 100_000;
const MAX_TITLE = 500;
const MAX_SURVEY_TITLE = 200;
const MAX_SURVEY_DESCRIPTION = 5000;
const MAX_DESCRIPTION = 1000;
const MAX_OPTION = 200;
const MAX_LABEL = 50;

// ---------------------------------------------------------------------------------------------
// Characters

/**
 * A same-length copy of a line for matching: full-width ASCII to ASCII, 【】〔〕 to [], 。 to .,
 * dashes and tildes to -. Matches on the copy give indexes into the original, whose own
 * characters (？ （ …) are kept in titles and options.
 */
function probeOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      const a = c - 0xfee0;
      out += a === 0x7e ? '-' : String.fromCharCode(a);
    } else if (c === 0x3000 || c === 0xa0 || c === 0x09) out += ' ';
    else if (c === 0x3010 || c === 0x3014 || c === 0x3016) out += '[';
    else if (c === 0x3011 || c === 0x3015 || c === 0x3017) out += ']';
    else if (c === 0x3002 || c === 0xfe52) out += '.';
    else if (c === 0x2014 || c === 0x2013 || c === 0x2012 || c === 0x2015 || c === 0x7e) out += '-';
    else out += s[i];
  }
  return out;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "3", "三", "十二", "二十一" → number (NaN when not a number up to 999). */
function numberOf(s: string): number {
  if (/^[0-9]+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return NaN;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = CN_DIGITS[ch]!;
  }
  return total + current;
}

const CN_NUM = '[0-9]{1,3}|[一二两三四五六七八九十]{1,3}';
const RANGE_SEP = '(?:-|到|至)';

// ---------------------------------------------------------------------------------------------
// Markers: what a bracket group (or a line of its own) may say about a question

interface TypeMarker {
  type: QuestionType;
  long?: boolean;
  judge?: boolean;
  matrixMultiple?: boolean;
  /** The marker as written, when the type is not supported (mapped to `type`). */
  unsupported?: string;
}

const TYPE_WORDS: Array<[RegExp, Omit<TypeMarker, 'unsupported'>]> = [
  [/^(?:矩阵多选题?|矩阵多项选择题?)$/, { type: 'matrix', matrixMultiple: true }],
  [/^(?:矩阵单选题?|矩阵题|矩阵|矩阵量表题?|矩阵评分题?|矩阵单项选择题?)$/, { type: 'matrix' }],
  [/^(?:单选题?|单项选择题?|下拉题|下拉框|下拉选择题?|选择题)$/, { type: 'single' }],
  [/^(?:判断题?|是非题)$/, { type: 'single', judge: true }],
  [/^(?:多选题?|多项选择题?|不定项选择题?|不定项|可多选|复选题?)$/, { type: 'multiple' }],
  [/^(?:填空题?|单行填空题?|单行文本题?|文本题|短文本题?)$/, { type: 'text' }],
  [
    /^(?:问答题?|简答题?|多行填空题?|多行文本题?|论述题|开放题|开放式问题|主观题|意见建议题?|长文本题?)$/,
    { type: 'text', long: true },
  ],
  [
    /^(?:量表题?|评分题?|打分题?|评价题|星级评价题?|满意度量表题?|量表评分题?|李克特量表题?)$/,
    { type: 'scale' },
  ],
  [/^(?:nps题?|nps推荐题?|推荐度题?|净推荐值题?|推荐值题?)$/i, { type: 'nps' }],
  [/^(?:排序题?|排序选择题?)$/, { type: 'ranking' }],
];
const UNSUPPORTED_WORDS =
  /^(?:文件上传题?|上传题|比重题|滑动条题?|滑块题|日期题|时间题|地区题|签名题|图片题|多项填空题?|表格题)$/;

interface Markers {
  type?: TypeMarker;
  required?: boolean;
  randomize?: boolean;
  maxChoices?: number;
  range?: { min: number; max: number };
  showIf?: { number: number; letters: string[] };
}

const MAX_RE = new RegExp(
  `^(?:可多选|多选)?[,，]?(?:请)?(?:最多|至多|限|不超过|最多可|最多只能|任|选择?不超过)\\s*(?:选择?|勾选|选出)?\\s*(${CN_NUM})\\s*(?:项|个|条|种)?(?:以内|即可)?$`,
);
const MAX_RANGE_RE = new RegExp(
  `^(?:可)?选\\s*(?:${CN_NUM})\\s*${RANGE_SEP}\\s*(${CN_NUM})\\s*[项个]$`,
);
const RANGE_RE =
  /^(?:评分范围|分值范围|分值|范围|评分)?[:：]?\s*([0-9]{1,2})\s*(?:-|到|至)\s*([0-9]{1,2})\s*分?(?:制)?$/;
const SHOW_IF_RE = new RegExp(
  `^(?:当|若|如)?第\\s*(${CN_NUM})\\s*题\\s*(?:选择?|选中|选了|答)\\s*([A-Za-z](?:\\s*(?:、|,|，|/|或)\\s*[A-Za-z])*)\\s*(?:项|选项)?\\s*(?:时|者)?\\s*(?:显示|出现|作答|回答|填写|才显示|需作答|需回答)?$`,
);

/** One token of a marker group, or undefined when it is not a marker. */
function markerToken(token: string): Markers | undefined {
  const t = token.trim().toLowerCase();
  if (!t) return {};
  for (const [re, m] of TYPE_WORDS) if (re.test(t)) return { type: { ...m } };
  if (UNSUPPORTED_WORDS.test(t)) return { type: { type: 'text', unsupported: token.trim() } };
  if (/^(?:必答题?|必填题?|必选|必做|必须作答|必须回答|\*)$/.test(t)) return { required: true };
  if (/^(?:选答题?|选填题?|非必答|非必填|可不答|可选答)$/.test(t)) return { required: false };
  if (/^(?:选项随机|随机|随机排序|选项乱序|乱序)$/.test(t)) return { randomize: true };
  let m = MAX_RE.exec(t);
  if (m) {
    const n = numberOf(m[1]!);
    return Number.isFinite(n) && n >= 1 ? { maxChoices: n } : undefined;
  }
  m = MAX_RANGE_RE.exec(t);
  if (m) {
    const n = numberOf(m[1]!);
    return Number.isFinite(n) && n >= 1 ? { maxChoices: n } : undefined;
  }
  m = RANGE_RE.exec(t);
  if (m) return { range: { min: Number(m[1]), max: Number(m[2]) } };
  return undefined;
}

/** A whole marker group ("多选题，最多选3项", "第1题选A、B时显示") or undefined. */
function markerGroup(text: string): Markers | undefined {
  const content = probeOf(text);
  const show = SHOW_IF_RE.exec(content.trim());
  if (show) {
    const number = numberOf(show[1]!);
    const letters = show[2]!.toUpperCase().match(/[A-Z]/g) ?? [];
    return Number.isFinite(number) ? { showIf: { number, letters } } : undefined;
  }
  const out: Markers = {};
  const tokens = content.split(/[,，;；、/|\s]+/).filter((x) => x !== '');
  if (tokens.length === 0) return undefined;
  // "量表题 1 - 5" splits the range apart: try the group's remainder as one token too.
  for (let i = 0; i < tokens.length; i++) {
    let m = markerToken(tokens[i]!);
    if (!m) {
      const rest = tokens.slice(i).join('');
      m = markerToken(rest);
      if (!m) return undefined;
      merge(out, m);
      break;
    }
    merge(out, m);
  }
  return out;
}

function merge(into: Markers, m: Markers) {
  if (m.type && !into.type) into.type = m.type;
  if (m.required !== undefined) into.required = m.required;
  if (m.randomize) into.randomize = true;
  if (m.maxChoices !== undefined) into.maxChoices = m.maxChoices;
  if (m.range) into.range = m.range;
  if (m.showIf) into.showIf = m.showIf;
}

const GROUP_RE = /\[([^[\]()]{1,60})\]|\(([^[\]()]{1,60})\)/g;

/**
 * Take the marker groups out of a text: returns the markers and the text without them.
 * Groups that are not markers stay in the text ("（含加班）"), but a maximum inside one
 * ("（请选择最关心的，最多选3项）") still counts.
 */
function extractMarkers(text: string): { markers: Markers; rest: string } {
  const probe = probeOf(text);
  const markers: Markers = {};
  let rest = '';
  let last = 0;
  for (const m of probe.matchAll(GROUP_RE)) {
    const content = m[1] ?? m[2]!;
    const group = markerGroup(content);
    if (group) {
      merge(markers, group);
      rest += text.slice(last, m.index) + ' ';
      last = m.index + m[0].length;
    } else {
      for (const part of content.split(/[,，;；]/)) {
        const t = markerToken(part);
        if (t?.maxChoices !== undefined) markers.maxChoices = t.maxChoices;
      }
    }
  }
  rest += text.slice(last);
  return { markers, rest };
}

// ---------------------------------------------------------------------------------------------
// Options

type MarkKind = 'letter' | 'pletter' | 'pnum' | 'circled' | 'box';
interface Mark {
  kind: MarkKind;
  /** Letter / number code for sequence checks, or the box character. */
  code: number;
  start: number;
  contentStart: number;
}

const LETTER_RE = /([A-Za-z])[ ]*[.、):：][ ]*/y;
/** "A.临床B.医技": a next letter straight after a Chinese character, with . or 、 only. */
const TIGHT_RE = /([A-Za-z])[.、][ ]*/y;
const LETTER_SPACE_RE = /([A-Za-z])[ ]+(?=[^\x00-\x7f])/y;
const PLETTER_RE = /\([ ]*([A-Za-z])[ ]*\)[ ]*/y;
const PNUM_RE = /\([ ]*([0-9]{1,2})[ ]*\)[ ]*/y;
const BOXES = '□☐○◯〇●■◆◇☆★▢';

function markAt(p: string, i: number, prev: Mark | null, tight: boolean): Mark | null {
  const c = p.charCodeAt(i);
  const next = (kind: MarkKind, code: number) =>
    prev === null || (prev.kind === kind && code === prev.code + 1);
  const res = tight
    ? ([[TIGHT_RE, 'letter']] as const)
    : ([
        [LETTER_RE, 'letter'],
        [PLETTER_RE, 'pletter'],
        [PNUM_RE, 'pnum'],
        [LETTER_SPACE_RE, 'letter'],
      ] as const);
  for (const [re, kind] of res) {
    re.lastIndex = i;
    const m = re.exec(p);
    if (!m) continue;
    const v = m[1]!;
    const code = kind === 'pnum' ? Number(v) : v.charCodeAt(0); // a. b. or A. B., not mixed
    if (prev === null && kind !== 'pnum' && v.toUpperCase() !== 'A' && re === LETTER_SPACE_RE)
      return null;
    if (!next(kind, code)) return null;
    return { kind, code, start: i, contentStart: i + m[0].length };
  }
  if ((c >= 0x2460 && c <= 0x2473) || (c >= 0x2474 && c <= 0x2487)) {
    const code = c >= 0x2474 ? c - 0x2474 : c - 0x2460;
    if (!next('circled', code)) return null;
    let j = i + 1;
    while (p[j] === ' ' || p[j] === '.' || p[j] === '、') j++;
    return { kind: 'circled', code, start: i, contentStart: j };
  }
  if (BOXES.includes(p[i]!)) {
    if (prev !== null && (prev.kind !== 'box' || prev.code !== c)) return null;
    let j = i + 1;
    while (p[j] === ' ') j++;
    return { kind: 'box', code: c, start: i, contentStart: j };
  }
  return null;
}

/** Option marks of a line that starts with one ("A. 临床  B. 医技"), else null. */
function optionMarks(p: string, from = 0): Mark[] | null {
  const first = markAt(p, from, null, false);
  if (!first) return null;
  const marks = [first];
  let prev = first;
  for (let i = first.contentStart; i < p.length; i++) {
    const before = p[i - 1] ?? ' ';
    const spaced = /[\s;,，；]/.test(before);
    // "A.临床B.医技": a next letter right after Chinese text, with an explicit separator.
    const tight = !spaced && prev.kind === 'letter' && /[\u4e00-\u9fff]/.test(before);
    const delimited = prev.kind !== 'letter'; // □ ① (B) (2) mark themselves
    if (!spaced && !tight && !delimited) continue;
    const m = markAt(p, i, prev, tight);
    if (m && m.contentStart > m.start) {
      marks.push(m);
      prev = m;
      i = m.contentStart - 1;
    }
  }
  return marks;
}

function cleanOption(s: string): string {
  return s
    .replace(/[\s;,，；、]+$/u, '')
    .replace(/[_＿]{2,}\s*$/u, '')
    .replace(/[:：]\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sliceOptions(text: string, marks: Mark[], end = text.length): string[] {
  return marks.map((m, k) =>
    cleanOption(text.slice(m.contentStart, k + 1 < marks.length ? marks[k + 1]!.start : end)),
  );
}

/** Options written after the title on the question's own line ("性别 [单选题] A.男 B.女"). */
function inlineOptions(text: string): { title: string; options: string[] } | null {
  const p = probeOf(text);
  if (p.length > 2000) return null;
  let tries = 0;
  for (let i = 1; i < p.length && tries < 5; i++) {
    if (/[A-Za-z0-9]/.test(p[i - 1]!)) continue;
    const ch = p[i]!;
    if (!(ch === 'A' || ch === 'a' || ch === '(' || ch === '①' || BOXES.includes(ch))) continue;
    if (!markAt(p, i, null, false)) continue;
    tries++;
    const marks = optionMarks(p, i);
    // "您更常去 A 区还是 B 区？" is a title: on the question's line, letters need a separator.
    const separated = (m: Mark) =>
      m.kind !== 'letter' || /[.、):：]/.test(p.slice(m.start + 1, m.contentStart));
    if (marks && marks.length >= 2 && marks[0]!.kind !== 'pnum' && marks.every(separated)) {
      if (marks[0]!.kind === 'pletter' && marks[0]!.code !== 65) continue;
      return { title: text.slice(0, i), options: sliceOptions(text, marks) };
    }
  }
  return null;
}

function splitList(s: string): string[] {
  return s
    .split(/[、；;，,|｜/\t]|\s{2,}/)
    .map(cleanOption)
    .filter((x) => x !== '');
}

interface ScaleLabels {
  values: Array<{ value: number; label: string }>;
  range?: { min: number; max: number };
}

const PAIR_RE = /(?:^|[\s,，;；]+)([0-9]{1,2})\s*分?\s*(?:=|表示|代表|:)\s*/g;

/** "1=非常不满意，5=非常满意", "1分表示很差", "非常不满意 1 2 3 4 5 非常满意"; else null. */
function scaleLabels(t: string, p: string): ScaleLabels | null {
  const spread = /^([^0-9]*?)((?:[0-9]{1,2}\s+){1,10}[0-9]{1,2})([^0-9]*)$/.exec(p);
  if (spread) {
    const values = spread[2]!.split(/\s+/).map(Number);
    if (!values.every((v, i) => i === 0 || v === values[i - 1]! + 1)) return null;
    const min = values[0]!;
    const max = values[values.length - 1]!;
    const minLabel = t.slice(0, spread[1]!.length).trim();
    const maxLabel = t.slice(t.length - spread[3]!.length).trim();
    return {
      range: { min, max },
      values: [
        ...(minLabel ? [{ value: min, label: minLabel }] : []),
        ...(maxLabel ? [{ value: max, label: maxLabel }] : []),
      ],
    };
  }
  const starts = [...p.matchAll(PAIR_RE)];
  if (starts.length === 0 || starts[0]!.index !== 0) return null;
  const values = starts.map((m, k) => ({
    value: Number(m[1]),
    label: cleanOption(
      t.slice(m.index + m[0].length, k + 1 < starts.length ? starts[k + 1]!.index : t.length),
    ),
  }));
  return values.every((v) => v.label !== '') ? { values } : null;
}

// ---------------------------------------------------------------------------------------------
// Lines and blocks

interface Line {
  no: number;
  text: string;
  p: string;
}

interface Header {
  number: number | null;
  markers: Markers;
  title: string;
  inline: string[];
}

const NUMBER_RE = new RegExp(
  '^(?:' +
    `第\\s*(${CN_NUM})\\s*题\\s*[.、):：]?` +
    '|[Qq]\\s*([0-9]{1,3})\\s*[.、):：]?' +
    '|([0-9]{1,3})\\s*(?:[.、)](?![0-9]))' +
    '|([一二三四五六七八九十]{1,3})\\s*[、.]' +
    ')\\s*',
);
const SECTION_RE =
  /^(?:[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十]{1,3}\s*\)|第\s*[一二三四五六七八九十0-9]{1,3}\s*(?:部分|节|章|单元|模块))/;

function parseHeader(line: Line): Header | null {
  let text = line.text;
  let p = line.p;
  let star = false;
  const lead = /^\*+\s*/.exec(p);
  if (lead) {
    star = true;
    text = text.slice(lead[0].length);
    p = p.slice(lead[0].length);
  }
  const num = NUMBER_RE.exec(p);
  let number: number | null = null;
  let body = text;
  if (num) {
    number = numberOf(num[1] ?? num[2] ?? num[3] ?? num[4]!);
    body = text.slice(num[0].length);
  }
  const { markers, rest } = extractMarkers(body);
  // 一、基本情况 is a section heading unless it says which type of question it is.
  if (num?.[4] !== undefined && !markers.type) return null;
  if (!num && !markers.type) return null;
  let title = rest;
  const inline = markers.type?.type === 'text' ? null : inlineOptions(title);
  if (inline) title = inline.title;
  let tp = probeOf(title);
  if (/^\s*\*/.test(tp) || /\*\s*$/.test(tp)) {
    star = true;
    title = title.replace(/^\s*[*＊]+|[*＊]+\s*$/g, '');
    tp = probeOf(title);
  }
  // A range written after the type marker: "满意程度 [量表题] 1-5".
  const range = /\s([0-9]{1,2})\s*(?:-|到|至)\s*([0-9]{1,2})\s*分?\s*$/.exec(tp);
  if (range && (markers.type?.type === 'scale' || markers.type?.type === 'nps')) {
    markers.range ??= { min: Number(range[1]), max: Number(range[2]) };
    title = title.slice(0, range.index);
  }
  if (star && markers.required === undefined) markers.required = true;
  title = title
    .replace(/[_＿]{2,}/g, ' ')
    .replace(/[(（][\s_＿]*[)）]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[:：.、]\s*/, '');
  // A line without a number is a question only with a type marker and some wording.
  if (!num && title === '') return null;
  return { number, markers, title, inline: inline?.options ?? [] };
}

type ItemKind = 'option' | 'row' | 'plain' | 'desc';
interface Item {
  line: number;
  kind: ItemKind;
  texts: string[];
}

interface Block {
  line: number;
  header: Header;
  markerLines: Map<keyof Markers, number>;
  items: Item[];
  labels: { values: ScaleLabels['values']; line: number } | null;
  rangeLine: number;
}

export function parseQuestionnaire(text: string, locale: Locale = 'zh-CN'): ParsedQuestionnaire {
  const problems: TextProblem[] = [];
  const problem = (line: number, code: TextProblemCode, params?: Record<string, string | number>) =>
    problems.push({
      line,
      code,
      message: translate(locale, `surveys.text.problem.${code}`, params),
    });
  const typeName = (t: QuestionType) => translate(locale, `surveys.text.type.${t}`);

  const rawLines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n|\u2028|\u2029|\v|\f/);
  const preamble: Line[] = [];
  const blocks: Block[] = [];
  let block: Block | null = null;
  let full = false;

  for (let i = 0; i < rawLines.length; i++) {
    const original = rawLines[i]!.replace(
      /[\u0000-\u0008\u000e-\u001f\u007f\u200b-\u200f\ufeff]/g,
      '',
    );
    const t = original.trim();
    const line: Line = { no: i + 1, text: t, p: probeOf(t) };
    if (t === '' || /^[\s_＿\-—.…·=＝*]+$/.test(line.p)) continue;
    if (full) continue;

    const header = parseHeader(line);
    // A title Word wrapped onto a second line, the type marker at its end:
    //   1. 您对医院在改善职工工作条件方面
    //   所做的努力是否满意？[单选题]
    if (
      header &&
      header.number === null &&
      block &&
      line.no === block.line + 1 &&
      !block.header.markers.type &&
      block.items.length === 0
    ) {
      const joint = /[\x21-\x7e]$/.test(block.header.title) && /^[\x21-\x7e]/.test(header.title);
      block.header.title += (joint ? ' ' : '') + header.title;
      block.header.markers.type = header.markers.type;
      merge(block.header.markers, { ...header.markers, type: undefined });
      if (header.inline.length) {
        block.items.push({ line: line.no, kind: 'option', texts: header.inline });
      }
      continue;
    }
    if (header) {
      if (blocks.length >= MAX_QUESTIONS) {
        problem(line.no, 'tooManyQuestions', { max: MAX_QUESTIONS });
        full = true;
        continue;
      }
      block = {
        line: line.no,
        header,
        markerLines: new Map(),
        items: header.inline.length
          ? [{ line: line.no, kind: 'option', texts: header.inline }]
          : [],
        labels: null,
        rangeLine: line.no,
      };
      blocks.push(block);
      continue;
    }
    if (SECTION_RE.test(line.p)) {
      problem(line.no, 'section');
      continue;
    }
    if (!block) {
      preamble.push(line);
      continue;
    }
    classify(block, line);
  }

  function classify(b: Block, line: Line) {
    const { text: t, p } = line;
    const h = b.header.markers;
    // A line of markers only: "[多选题]（至多2项）", "最多选3项", "[必答]", "1-5分".
    const { markers, rest } = extractMarkers(t);
    const restT = rest.trim();
    const extra = restT === '' ? {} : markerGroup(restT);
    if (extra && (restT !== '' || Object.keys(markers).length > 0)) {
      merge(markers, extra);
      for (const k of Object.keys(markers) as Array<keyof Markers>) b.markerLines.set(k, line.no);
      if (markers.range) b.rangeLine = line.no;
      if (markers.type && !h.type) h.type = markers.type;
      delete markers.type;
      merge(h, markers);
      return;
    }
    const desc = /^(?:说明|备注|提示|填写说明)\s*[:：]\s*/.exec(p);
    if (desc) {
      b.items.push({ line: line.no, kind: 'desc', texts: [t.slice(desc[0].length).trim()] });
      return;
    }
    const list = /^(行|行标题|子问题|子题|行选项|列|列标题|列选项|选项)\s*[:：]\s*/.exec(p);
    if (list) {
      const row = list[1]!.startsWith('行') || list[1]!.startsWith('子');
      b.items.push({
        line: line.no,
        kind: row ? 'row' : 'option',
        texts: splitList(t.slice(list[0].length)),
      });
      return;
    }
    const marks = optionMarks(p);
    if (marks) {
      const texts = sliceOptions(t, marks);
      const kind: ItemKind =
        marks[0]!.kind === 'pnum' && h.type?.type === 'matrix' ? 'row' : 'option';
      b.items.push({ line: line.no, kind, texts });
      return;
    }
    const type = h.type?.type;
    if ((type === undefined || type === 'scale' || type === 'nps') && p.length <= 300) {
      const labels = scaleLabels(t, p);
      if (labels) {
        b.labels ??= { values: [], line: line.no };
        b.labels.values.push(...labels.values);
        b.labels.line = line.no;
        if (labels.range) {
          h.range = labels.range;
          b.rangeLine = line.no;
        }
        return;
      }
    }
    b.items.push({ line: line.no, kind: 'plain', texts: [t.replace(/\s+/g, ' ')] });
  }

  // -------------------------------------------------------------------------------------------
  // Blocks → questions

  const questions: Question[] = [];
  /** Written question number → index in `questions`. */
  const byNumber = new Map<number, number>();

  for (const b of blocks) {
    const q = buildQuestion(b);
    if (!q) continue;
    const id = `q${questions.length + 1}`;
    const parsed = questionSchema.safeParse({ ...q, id });
    if (!parsed.success) {
      problem(b.line, 'unrecognized');
      continue;
    }
    if (b.header.number !== null && !byNumber.has(b.header.number)) {
      byNumber.set(b.header.number, questions.length);
    }
    questions.push(parsed.data);
  }

  function truncate(s: string, max: number, line: number): string {
    if (s.length <= max) return s;
    problem(line, 'tooLong', { max });
    return s.slice(0, max);
  }

  function buildQuestion(b: Block): Omit<Question, 'id'> | null {
    const h = b.header;
    const m = h.markers;
    if (h.title === '') {
      problem(b.line, 'emptyTitle');
      return null;
    }
    const explicitIdx = b.items.findIndex((x) => x.kind === 'option' || x.kind === 'row');
    const hasExplicit = explicitIdx >= 0;
    const plain = b.items.filter((x) => x.kind === 'plain');
    let marker = m.type;
    const type0 = marker?.type;
    const descLines: string[] = [];
    let options: Array<{ text: string; line: number }> = [];
    const rows: Array<{ text: string; line: number }> = [];
    const plainAs = (kind: 'option' | 'row' | 'desc') => {
      for (const x of plain) {
        if (kind === 'desc') descLines.push(x.texts[0]!);
        else (kind === 'option' ? options : rows).push({ text: x.texts[0]!, line: x.line });
      }
    };

    for (const x of b.items) {
      if (x.kind === 'option') options.push(...x.texts.map((t) => ({ text: t, line: x.line })));
      if (x.kind === 'row') rows.push(...x.texts.map((t) => ({ text: t, line: x.line })));
      if (x.kind === 'desc') descLines.push(x.texts[0]!);
    }
    const hasRows = rows.length > 0;

    if (type0 === 'matrix' && !hasRows) plainAs('row');
    else if (hasExplicit) {
      for (const x of plain) {
        const before = b.items.indexOf(x) < explicitIdx;
        if (before) descLines.push(x.texts[0]!);
        else problem(x.line, 'unrecognized');
      }
    } else if (type0 === 'single' || type0 === 'multiple' || type0 === 'ranking') plainAs('option');
    else if (
      type0 === undefined &&
      plain.length >= 2 &&
      plain.every((x) => x.texts[0]!.length <= 30)
    )
      plainAs('option');
    else plainAs('desc');

    // Infer the type when no marker said it.
    const title = truncate(h.title, MAX_TITLE, b.line);
    if (!marker) {
      const tp = probeOf(title);
      const r = m.range;
      const zeroTen = (r && r.min === 0 && r.max === 10) || /0\s*(?:-|到|至)\s*10\s*分/.test(tp);
      if (options.length > 0) {
        marker = { type: 'single' };
        problem(b.line, 'inferredSingle');
      } else if (zeroTen && /推荐/.test(tp)) {
        marker = { type: 'nps' };
        problem(b.line, 'inferredNps');
      } else if (r || b.labels) {
        marker = { type: 'scale' };
        problem(b.line, 'inferredScale');
      } else {
        marker = { type: 'text' };
        problem(b.line, 'inferredText');
      }
    }
    const type = marker.type;
    if (marker.unsupported) {
      problem(b.markerLines.get('type') ?? b.line, 'unsupportedType', {
        marker: marker.unsupported,
        type: typeName(type),
      });
    }
    if (marker.matrixMultiple) problem(b.markerLines.get('type') ?? b.line, 'matrixMultiple');
    if (marker.judge && options.length === 0) {
      options = [
        { text: '是', line: b.line },
        { text: '否', line: b.line },
      ];
    }

    // Options and rows: trimmed, deduplicated, within the limits.
    const clean = (
      list: Array<{ text: string; line: number }>,
      max: number,
      tooMany: TextProblemCode,
    ) => {
      const out: string[] = [];
      for (const o of list) {
        if (o.text === '') continue;
        const text = truncate(o.text, MAX_OPTION, o.line);
        if (out.includes(text)) {
          problem(o.line, 'duplicateOption', { option: text });
          continue;
        }
        if (out.length === max) {
          problem(o.line, tooMany, { max });
          break;
        }
        out.push(text);
      }
      return out;
    };
    let opts = clean(options, MAX_OPTIONS, 'tooManyOptions');
    let rowTexts = type === 'matrix' ? clean(rows, MAX_ROWS, 'tooManyRows') : [];
    if (type !== 'matrix' && rows.length > 0) problem(rows[0]!.line, 'rowsIgnored');

    let scale: Question['scale'] = null;
    if (type === 'scale') {
      const values = b.labels?.values ?? [];
      let range = m.range ?? null;
      if (!range && values.length >= 2) {
        const vs = values.map((v) => v.value);
        range = { min: Math.min(...vs), max: Math.max(...vs) };
      }
      const labelOf = (v: number) => values.find((x) => x.value === v)?.label ?? '';
      let minLabel = labelOf(range?.min ?? 1);
      let maxLabel = labelOf(range?.max ?? 5);
      if (opts.length > 0) {
        const n = opts.length;
        if (n >= 2 && n <= 10) {
          if (!range || range.max - range.min + 1 !== n) range = { min: 1, max: n };
          minLabel ||= opts[0]!;
          maxLabel ||= opts[n - 1]!;
          problem(options[0]!.line, 'scaleFromOptions', {
            count: n,
            min: range.min,
            max: range.max,
          });
        } else problem(options[0]!.line, 'optionsIgnored', { type: typeName(type) });
        opts = [];
      }
      if (range && !(range.min >= 0 && range.max <= 10 && range.min < range.max)) {
        problem(b.rangeLine, 'scaleRange');
        range = null;
      }
      const lines = b.labels?.line ?? b.line;
      scale = {
        min: range?.min ?? 1,
        max: range?.max ?? 5,
        minLabel: truncate(minLabel, MAX_LABEL, lines),
        maxLabel: truncate(maxLabel, MAX_LABEL, lines),
      };
    } else if (b.labels && type === 'nps') {
      // NPS is always 0..10; its end labels are kept as the description.
      const l = b.labels.values.map((v) => `${v.value} = ${v.label}`).join('；');
      if (l) descLines.push(l);
    }

    if ((type === 'text' || type === 'nps') && opts.length > 0) {
      problem(options[0]!.line, 'optionsIgnored', { type: typeName(type) });
      opts = [];
    }
    if ((type === 'single' || type === 'multiple' || type === 'ranking') && opts.length < 2) {
      problem(b.line, 'fewOptions', { type: typeName(type) });
    }
    if (type === 'matrix') {
      if (rowTexts.length === 0) problem(b.line, 'noRows');
      if (opts.length === 0) problem(b.line, 'noColumns');
    }

    let maxChoices: number | null = null;
    if (m.maxChoices !== undefined) {
      const line = b.markerLines.get('maxChoices') ?? b.line;
      if (type !== 'multiple') problem(line, 'maxIgnored');
      else if (m.maxChoices > opts.length || m.maxChoices > MAX_OPTIONS) {
        problem(line, 'maxTooLarge', { max: m.maxChoices, count: opts.length });
      } else maxChoices = m.maxChoices;
    }

    let showIf: Question['showIf'] = null;
    if (m.showIf) {
      const line = b.markerLines.get('showIf') ?? b.line;
      const idx = byNumber.get(m.showIf.number) ?? m.showIf.number - 1;
      const target = idx >= 0 && idx < questions.length ? questions[idx] : undefined;
      const indexes = [...new Set(m.showIf.letters.map((l) => l.charCodeAt(0) - 65))].sort(
        (a, z) => a - z,
      );
      if (
        target &&
        (target.type === 'single' || target.type === 'multiple') &&
        indexes.length > 0 &&
        indexes.every((i) => i < target.options.length)
      ) {
        showIf = { questionId: target.id, optionIndexes: indexes };
      } else problem(line, 'showIfInvalid');
    }

    const description = truncate(descLines.join('\n'), MAX_DESCRIPTION, b.line);
    const choice = type === 'single' || type === 'multiple' || type === 'ranking';
    if (type !== 'matrix') rowTexts = [];
    return {
      type,
      title,
      description,
      required: m.required ?? false,
      options: type === 'text' || type === 'nps' || type === 'scale' ? [] : opts,
      rows: rowTexts,
      randomize: choice && (m.randomize ?? false),
      maxChoices,
      long: type === 'text' && (marker.long ?? false),
      scale,
      showIf,
    };
  }

  // -------------------------------------------------------------------------------------------
  // The lines before question 1: title and description; with no question, nothing understood.

  let title: string | null = null;
  const description: string[] = [];
  if (questions.length === 0 && blocks.length === 0) {
    for (const l of preamble) problem(l.no, 'unrecognized');
  } else {
    for (const l of preamble) {
      if (optionMarks(l.p)) problem(l.no, 'beforeQuestion');
      else if (title === null) title = truncate(l.text, MAX_SURVEY_TITLE, l.no);
      else description.push(l.text);
    }
  }
  problems.sort((a, z) => a.line - z.line);
  return {
    title,
    description: description.join('\n').slice(0, MAX_SURVEY_DESCRIPTION),
    questions,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Export

const TYPE_MARKERS: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  text: '填空题',
  scale: '量表题',
  nps: 'NPS',
  matrix: '矩阵单选题',
  ranking: '排序题',
};

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function optionLabel(i: number): string {
  return i < 26 ? `${String.fromCharCode(65 + i)}. ` : '□ ';
}

/** A survey as text in the import's canonical form (see the top of this file). */
export function surveyToText(title: string, questions: Question[], description = ''): string {
  const out: string[] = [oneLine(title)];
  for (const l of description.split('\n')) if (l.trim()) out.push(l.trim());
  const position = new Map(questions.map((q, i) => [q.id, i]));
  questions.forEach((q, i) => {
    out.push('');
    const markers = [q.type === 'text' && q.long ? '问答题' : TYPE_MARKERS[q.type]];
    if (q.type === 'scale') {
      const s = q.scale ?? { min: 1, max: 5, minLabel: '', maxLabel: '' };
      markers[0] += ` ${s.min}-${s.max}`;
    }
    if (q.type === 'multiple' && q.maxChoices !== null) markers.push(`最多选${q.maxChoices}项`);
    if (q.required) markers.push('必答');
    if (q.randomize && (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking'))
      markers.push('选项随机');
    if (q.showIf) {
      const at = position.get(q.showIf.questionId);
      if (at !== undefined) {
        const letters = q.showIf.optionIndexes.map((o) => String.fromCharCode(65 + o)).join('、');
        markers.push(`第${at + 1}题选${letters}时显示`);
      }
    }
    out.push(`${i + 1}. ${oneLine(q.title)} ${markers.map((m) => `[${m}]`).join('')}`);
    for (const l of q.description.split('\n')) if (l.trim()) out.push(`说明：${l.trim()}`);
    if (q.type === 'scale' && q.scale) {
      if (q.scale.minLabel) out.push(`${q.scale.min}=${oneLine(q.scale.minLabel)}`);
      if (q.scale.maxLabel) out.push(`${q.scale.max}=${oneLine(q.scale.maxLabel)}`);
    }
    if (q.type === 'matrix') q.rows.forEach((r, j) => out.push(`（${j + 1}）${oneLine(r)}`));
    if (q.type !== 'text' && q.type !== 'nps' && q.type !== 'scale') {
      q.options.forEach((o, j) => out.push(`${optionLabel(j)}${oneLine(o)}`));
    }
  });
  return out.join('\n') + '\n';
}
