import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';

/**
 * Text as the index sees it: folded (NFKC, so full-width ＡＢＣ１２３ reads as abc123;
 * traditional characters to simplified with OpenCC, so either script finds both; lower case),
 * then segmented with jieba. Documents use search mode (`cutForSearch`: 停车位 → 停车 车位 停车位)
 * so that a query's words, segmented in precise mode (`cut`), find the longer compounds too.
 * Punctuation, spaces and symbols never become tokens: a token is letters, marks and digits only,
 * which is also what keeps FTS syntax (quotes, *, NEAR, AND, -, parentheses) out of queries.
 */

/** The longest query we read; longer input is cut here (the response says so), not refused. */
export const MAX_QUERY_CHARS = 200;
/** At most this many distinct words of a query are used. */
export const MAX_QUERY_TERMS = 16;
/** Text beyond this length is neither stored nor indexed. */
export const MAX_BODY_CHARS = 20_000;
export const MAX_TITLE_CHARS = 500;
/** Longer "words" (a pasted hash, a URL without separators) are not indexed. */
const MAX_TOKEN_CHARS = 60;

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Fold one text: NFKC, traditional → simplified, lower case. */
export function fold(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}

const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/u;

function clean(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    for (const part of word.split(NOT_WORD)) {
      if (part && part.length <= MAX_TOKEN_CHARS) out.push(part);
    }
  }
  return out;
}

/** The tokens of a document's text, space-separated, as stored in the index. */
export function documentTokens(text: string): string {
  if (!text) return '';
  return clean(segmenter().cutForSearch(fold(text), true)).join(' ');
}

/** Words a query may drop when it has others: they say nothing about what is sought. */
const QUERY_STOP_WORDS = new Set([
  '的',
  '了',
  '着',
  '是',
  '在',
  '和',
  '与',
  '及',
  '或',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '也',
  '都',
  '就',
  '把',
  '被',
  '给',
  '对',
  '请',
  '问',
  '请问',
  '一下',
  '什么',
  '怎么',
  '为什么',
  '如何',
  '哪里',
  'the',
  'a',
  'an',
  'of',
  'to',
  'and',
  'or',
  'is',
]);

export interface ParsedQuery {
  /** The query as used: trimmed and cut to MAX_QUERY_CHARS. */
  text: string;
  truncated: boolean;
  /** Distinct folded words; empty when the query has no letters or digits at all. */
  terms: string[];
}

/** Parse what a person typed into the words to look for (precise-mode segmentation). */
export function parseQuery(input: string): ParsedQuery {
  const trimmed = input.trim();
  const chars = Array.from(trimmed);
  const truncated = chars.length > MAX_QUERY_CHARS;
  const text = truncated ? chars.slice(0, MAX_QUERY_CHARS).join('') : trimmed;
  const words = [...new Set(clean(segmenter().cut(fold(text), true)))];
  const meaningful = words.filter((w) => !QUERY_STOP_WORDS.has(w));
  const terms = (meaningful.length ? meaningful : words).slice(0, MAX_QUERY_TERMS);
  return { text, truncated, terms };
}

/** SQLite FTS5: every term a quoted string (never syntax), all required. */
export function fts5Match(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
}
