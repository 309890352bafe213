import type { Range } from './types';

/**
 * Cut plain text into pieces, each marked or not, from the server's match ranges. Ranges out of
 * order, overlapping or out of bounds are skipped, so a bad answer can only lose a highlight.
 */
export function splitRanges(
  text: string,
  ranges: readonly Range[],
): Array<{ text: string; mark: boolean; at: number }> {
  const parts: Array<{ text: string; mark: boolean; at: number }> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (!Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false, at });
    parts.push({ text: text.slice(start, end), mark: true, at: start });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false, at });
  return parts;
}
