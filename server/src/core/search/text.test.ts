import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@lianxin/common';
import {
  canSee,
  grantKeys,
  parseVisibility,
  readerKeys,
  type Reader,
  type Visibility,
} from './policy.js';
import { findRanges, highlight } from './snippet.js';
import { documentTokens, fold, fts5Match, MAX_QUERY_CHARS, parseQuery } from './text.js';

describe('search text', () => {
  it('folds traditional to simplified, full width to half width, and lower-cases', () => {
    expect(fold('停車位不夠')).toBe('停车位不够');
    expect(fold('職稱評審')).toBe('职称评审');
    expect(fold('ＡＢＣ１２３ Night')).toBe('abc123 night');
  });

  it('indexes in search mode (compounds and their parts), without punctuation', () => {
    const tokens = documentTokens('食堂的饭菜太贵了，停车位不够！').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['食堂', '饭菜', '停车', '车位', '停车位']));
    expect(tokens.some((t) => /[，！\s]/.test(t))).toBe(false);
    expect(documentTokens('停車位')).toBe(documentTokens('停车位'));
    expect(documentTokens('')).toBe('');
    expect(documentTokens('！？…——')).toBe('');
  });

  it('parses a query into folded words in precise mode, dropping filler words', () => {
    expect(parseQuery('  停車位  ').terms).toEqual(['停车位']);
    expect(parseQuery('食堂的饭菜').terms).toEqual(['食堂', '饭菜']);
    // Only filler words: they are kept rather than leaving nothing to look for.
    expect(parseQuery('的').terms).toEqual(['的']);
  });

  it('finds nothing to look for in punctuation and spaces', () => {
    for (const q of ['', '   ', '！？。，', '"*()-', '\u3000\t\n', '🙂🙂']) {
      expect(parseQuery(q).terms, q).toEqual([]);
    }
  });

  it('cuts a 10,000-character query to the limit and says so', () => {
    const long = '食堂'.repeat(5000);
    const q = parseQuery(long);
    expect(q.truncated).toBe(true);
    expect(Array.from(q.text)).toHaveLength(MAX_QUERY_CHARS);
    expect(q.terms.length).toBeGreaterThan(0);
    expect(q.terms.length).toBeLessThanOrEqual(16);
    expect(parseQuery('食堂').truncated).toBe(false);
  });

  it('turns FTS syntax into plain words', () => {
    const q = parseQuery('"停车" AND (食堂 OR NEAR) -夜班 * title:pay');
    expect(q.terms).toEqual(
      expect.arrayContaining(['停车', '食堂', 'near', '夜班', 'title', 'pay']),
    );
    for (const t of q.terms) expect(t).toMatch(/^[\p{L}\p{M}\p{N}]+$/u);
    // The database strings quote every word.
    expect(fts5Match(['near', 'and'])).toBe('"near" "and"');
  });
});

describe('search snippets', () => {
  it('finds every occurrence, in either script, as ranges of the original text', () => {
    const text = '停車位不夠，停车位太少';
    const ranges = findRanges(text, ['停车位']);
    expect(ranges).toEqual([
      [0, 3],
      [6, 9],
    ]);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['停車位', '停车位']);
  });

  it('maps ranges back when folding changes the length', () => {
    // U+FB01 (ﬁ) folds to two characters under NFKC.
    const text = 'ﬁle 食堂 ﬁle';
    const [r] = findRanges(text, ['食堂']);
    expect(text.slice(r![0], r![1])).toBe('食堂');
  });

  it('windows a long body around the first match, with ranges inside the window', () => {
    const body = `${'前文'.repeat(200)}夜班补贴什么时候发放${'后文'.repeat(200)}`;
    const h = highlight(body, ['夜班', '补贴'], 60);
    expect(h.text.startsWith('…')).toBe(true);
    expect(h.text.endsWith('…')).toBe(true);
    expect(h.ranges.map(([s, e]) => h.text.slice(s, e))).toEqual(['夜班补贴']);
    expect(highlight('短文 夜班', ['夜班'], 60)).toEqual({ text: '短文 夜班', ranges: [[3, 5]] });
    // Line breaks are flattened without moving offsets.
    expect(highlight('a\n食堂', ['食堂'], 60)).toEqual({ text: 'a 食堂', ranges: [[2, 4]] });
  });
});

describe('search visibility', () => {
  const staff: Reader = { accountId: 7, roles: ['staff'], departmentIds: [12, 3] };
  const sysadmin: Reader = { accountId: 9, roles: ['system_admin'], departmentIds: [] };

  it('allows by any clause and denies by default', () => {
    expect(canSee(staff, {})).toBe(false);
    expect(canSee(staff, { unit: true })).toBe(true);
    expect(canSee(staff, { roles: ['office'] })).toBe(false);
    expect(canSee(staff, { roles: ['office', 'staff'] })).toBe(true);
    expect(canSee(staff, { departments: [3] })).toBe(true); // an ancestor of their department
    expect(canSee(staff, { departments: [4] })).toBe(false);
    expect(canSee(staff, { accounts: [7] })).toBe(true);
    expect(canSee(staff, { accounts: [8] })).toBe(false);
  });

  it('keeps the three administrators out of unit-wide content', () => {
    expect(canSee(sysadmin, { unit: true })).toBe(false);
    expect(canSee(sysadmin, { roles: ['system_admin'] })).toBe(true);
  });

  it('agrees with the database keys on random visibilities', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const some = <T>(xs: readonly T[]) => xs.filter(() => rnd(3) === 0);
    for (let i = 0; i < 2000; i++) {
      const v: Visibility = {
        unit: rnd(4) === 0,
        roles: some(ROLES),
        departments: some([1, 2, 3, 4, 5]),
        accounts: some([1, 2, 3, 4, 5]),
      };
      const r: Reader = {
        accountId: 1 + rnd(5),
        roles: (some(ROLES) as Role[]).slice(0, 2),
        departmentIds: some([1, 2, 3, 4, 5]),
      };
      const keys = new Set(readerKeys(r));
      const meet = grantKeys(v).some((k) => keys.has(k));
      expect(meet, JSON.stringify({ v, r })).toBe(canSee(r, v));
      expect(canSee(r, parseVisibility(JSON.stringify(v)))).toBe(canSee(r, v));
    }
  });

  it('reads malformed stored visibility as nobody', () => {
    expect(parseVisibility('not json')).toEqual({});
    expect(canSee(staff, parseVisibility('{"roles":["emperor"],"accounts":["7"]}'))).toBe(false);
  });
});
