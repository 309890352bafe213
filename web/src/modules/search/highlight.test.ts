import { describe, expect, it } from 'vitest';
import { splitRanges } from './highlight';

describe('splitRanges', () => {
  it('marks the ranges and keeps the rest as plain pieces', () => {
    expect(
      splitRanges('停车位不够，停车难', [
        [0, 3],
        [6, 8],
      ]),
    ).toEqual([
      { text: '停车位', mark: true, at: 0 },
      { text: '不够，', mark: false, at: 3 },
      { text: '停车', mark: true, at: 6 },
      { text: '难', mark: false, at: 8 },
    ]);
  });

  it('skips overlapping, reversed and out-of-bounds ranges', () => {
    const parts = splitRanges('<b>食堂</b>', [
      [3, 5],
      [4, 6],
      [7, 6],
      [8, 99],
    ]);
    expect(parts.map((p) => p.text).join('')).toBe('<b>食堂</b>');
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['食堂']);
  });

  it('returns the whole text unmarked without ranges', () => {
    expect(splitRanges('abc', [])).toEqual([{ text: 'abc', mark: false, at: 0 }]);
    expect(splitRanges('', [])).toEqual([]);
  });
});
