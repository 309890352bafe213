/**
 * Split a draft document into the sections staff comment on (docs/consultations-design.md).
 * Pure: text in, sections out.
 *
 * 1. Articles (第一条 … 第一百二十条, or 第1条) at the start of a line, numbered in sequence: one
 *    section per article; chapter headings (第一章 总则) between them name the chapter of the
 *    articles that follow and are not article text.
 * 2. Otherwise chapters (第一章 …): one section per chapter.
 * 3. Otherwise top-level headings 一、二、… (also 一． 一.), then numbered headings 1. 2. (1、 1．).
 * 4. Otherwise the whole text is one section.
 * Text before the first marker (the title, the purpose) is the preamble section. A marker only
 * counts when it carries the next number in sequence, so "第三条规定的…" at the start of a line
 * inside 第七条 stays text.
 */

export type SectionKind = 'preamble' | 'article' | 'chapter' | 'heading' | 'whole';

export interface SplitSection {
  kind: SectionKind;
  /** The marker as the document writes it (第二条, 第一章, 三、, 2.); empty for preamble and whole. */
  label: string;
  /** The chapter an article belongs to (第二章 考核内容), else empty. */
  chapter: string;
  /** The section's text, paragraphs joined by line breaks (the marker line included). */
  text: string;
}

export const MAX_SECTIONS = 500;

const DIGITS: Record<string, number> = {
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

/** 一 → 1, 十二 → 12, 一百二十 → 120, 一百零五 → 105, 二〇 → 20, １２ → 12; NaN if not a number. */
export function parseNumeral(raw: string): number {
  const s = raw.normalize('NFKC').trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return NaN;
  if (!/[十百千]/.test(s)) {
    // 二〇 written digit by digit.
    return Number([...s].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let digit = -1;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c]!;
    } else {
      const unit = c === '十' ? 10 : c === '百' ? 100 : 1000;
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    }
  }
  if (digit > 0) total += digit;
  return total;
}

const NUM = '[零〇一二两三四五六七八九十百千0-9０-９]+';
const ARTICLE = new RegExp(`^第(${NUM})条(?:[\\s\u3000:：、.．]|$|(?=\\S))`);
const CHAPTER = new RegExp(`^第(${NUM})章(?:[\\s\u3000:：、.．]|$|(?=\\S))`);
const CN_HEADING = /^([一二三四五六七八九十]+)[、．.](?!\d)/;
const NUM_HEADING = /^([0-9０-９]{1,3})(?:[、．]|\.(?!\d))\s*\S/;

interface Marker {
  line: number;
  n: number;
  label: string;
}

function clean(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b\ufeff]/g, '')
    .split('\n')
    .map((l) => l.replace(/[\s\u3000]+$/u, '').replace(/^[\s\u3000]+/u, ''))
    .filter((l) => l.length > 0);
}

/** Markers that continue a sequence (each the previous + 1, the first 1). */
function sequence(lines: string[], re: RegExp, label: (m: RegExpExecArray) => string): Marker[] {
  const found: Marker[] = [];
  lines.forEach((l, line) => {
    const m = re.exec(l);
    if (!m) return;
    const n = parseNumeral(m[1]!);
    if (!Number.isFinite(n)) return;
    const prev = found[found.length - 1];
    if (prev ? n === prev.n + 1 : n === 1) found.push({ line, n, label: label(m) });
  });
  return found;
}

function cut(lines: string[], markers: Marker[], kind: SectionKind): SplitSection[] {
  const out: SplitSection[] = [];
  const first = markers[0]!.line;
  if (first > 0) {
    out.push({ kind: 'preamble', label: '', chapter: '', text: lines.slice(0, first).join('\n') });
  }
  markers.forEach((m, i) => {
    const end = markers[i + 1]?.line ?? lines.length;
    out.push({ kind, label: m.label, chapter: '', text: lines.slice(m.line, end).join('\n') });
  });
  return out;
}

export function splitDraft(text: string): SplitSection[] {
  const lines = clean(text);
  if (lines.length === 0) return [];

  const articles = sequence(lines, ARTICLE, (m) => `第${m[1]}条`);
  if (articles.length > 0) {
    const chapterAt = new Map(
      sequence(lines, CHAPTER, (m) => `第${m[1]}章`).map((c) => [c.line, c]),
    );
    const out: SplitSection[] = [];
    const firstLine = articles[0]!.line;
    // The chapter heading right before an article names that article's chapter; any other line
    // (a second heading in a row, a heading after the last article) stays text.
    const headsNext = (l: number) => chapterAt.has(l) && articles.some((a) => a.line === l + 1);
    const preambleEnd = headsNext(firstLine - 1) ? firstLine - 1 : firstLine;
    const preamble = lines.slice(0, preambleEnd);
    if (preamble.length)
      out.push({ kind: 'preamble', label: '', chapter: '', text: preamble.join('\n') });
    let chapter = preambleEnd < firstLine ? lines[preambleEnd]! : '';
    articles.forEach((a, i) => {
      const end = articles[i + 1]?.line ?? lines.length;
      const body: string[] = [];
      let next = chapter;
      for (let l = a.line; l < end; l++) {
        if (headsNext(l)) next = lines[l]!;
        else body.push(lines[l]!);
      }
      out.push({ kind: 'article', label: a.label, chapter, text: body.join('\n') });
      chapter = next;
    });
    return out;
  }

  const chapters = sequence(lines, CHAPTER, (m) => `第${m[1]}章`);
  if (chapters.length > 0) return cut(lines, chapters, 'chapter');

  const cn = sequence(lines, CN_HEADING, (m) => `${m[1]}、`);
  if (cn.length > 0) return cut(lines, cn, 'heading');

  const numbered = sequence(lines, NUM_HEADING, (m) => `${m[1]!.normalize('NFKC')}.`);
  if (numbered.length > 1) return cut(lines, numbered, 'heading');

  return [{ kind: 'whole', label: '', chapter: '', text: lines.join('\n') }];
}
