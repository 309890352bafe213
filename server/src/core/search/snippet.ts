import { fold } from './text.js';

/** A piece of plain text and the [start, end) ranges (UTF-16 offsets) of the words found in it. */
export interface Highlighted {
  text: string;
  ranges: Array<[number, number]>;
}

/** How far into a long text matches are looked for (per-character mapping when folding moves). */
const SCAN_CHARS = 5_000;

/**
 * Fold `text` and keep, for every folded offset, the original offset it came from. Folding is
 * almost always length-preserving (one traditional character → one simplified); when it is not
 * (NFKC of a ligature, say) each character is folded alone so positions still line up.
 */
function foldWithMap(text: string): { folded: string; map: number[] | null; text: string } {
  const folded = fold(text);
  if (folded.length === text.length) return { folded, map: null, text };
  const head = text.slice(0, SCAN_CHARS);
  let out = '';
  const map: number[] = [];
  let offset = 0;
  for (const ch of head) {
    const f = fold(ch);
    for (let i = 0; i < f.length; i++) map.push(offset);
    out += f;
    offset += ch.length;
  }
  map.push(offset);
  return { folded: out, map, text: head };
}

/** Every occurrence of every term, merged, as ranges of the original text. */
export function findRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const { folded, map } = foldWithMap(text);
  const found: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    let at = folded.indexOf(term);
    while (at !== -1 && found.length < 1000) {
      found.push([at, at + term.length]);
      at = folded.indexOf(term, at + term.length);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of found) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  if (!map) return merged;
  return merged.map(([s, e]) => [map[s]!, map[e]!] as [number, number]);
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The title or a window of the body around the first match, whitespace flattened to single
 * spaces (same length, so ranges hold), with the ranges shifted into the window. Plain text:
 * the web renders the ranges as <mark> elements, never as HTML.
 */
export function highlight(text: string, terms: readonly string[], maxChars: number): Highlighted {
  const flat = text.replace(/\s/g, ' ');
  const ranges = findRanges(flat, terms);
  if (flat.length <= maxChars) return { text: flat, ranges };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(first - Math.floor(maxChars / 4), flat.length - maxChars));
  if (start > 0 && isLow(flat.charCodeAt(start))) start++;
  let end = Math.min(flat.length, start + maxChars);
  if (end < flat.length && isLow(flat.charCodeAt(end))) end--;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const shift = prefix.length - start;
  const inWindow = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]) => [Math.max(s, start) + shift, Math.min(e, end) + shift] as [number, number]);
  return { text: prefix + flat.slice(start, end) + suffix, ranges: inWindow };
}
