import { describe, expect, it } from 'vitest';
import { noticesWebEn, noticesWebZhCN } from '../../../../common/src/modules/notices-web';
import { parseBlocks, safeHref } from './markdown';
import {
  exportUrl,
  groupFingerprint,
  sortForReading,
  weekdayOf,
  workingDaysLeft,
  type NoticeListItem,
} from './types';

const row = (over: Partial<NoticeListItem>): NoticeListItem => ({
  id: 1,
  type: 'title',
  title: 't',
  status: 'published',
  startsOn: '2026-11-20',
  endsOn: '2026-11-27',
  publishAt: null,
  version: 1,
  unread: false,
  inPeriod: false,
  objectionsOpen: 0,
  result: null,
  ...over,
});

describe('notices web helpers', () => {
  it('counts working days left on the calendar, both ends included', () => {
    expect(weekdayOf('2026-11-27')).toBe(5); // a Friday
    // Fri 27 → Thu 3 Dec: Fri, Mon, Tue, Wed, Thu.
    expect(workingDaysLeft('2026-11-27', '2026-12-03')).toBe(5);
    expect(workingDaysLeft('2026-11-28', '2026-11-29')).toBe(0); // a weekend
    expect(workingDaysLeft('2026-11-27', '2026-11-26')).toBe(0); // over
    const special = new Map<string, 'holiday' | 'workday'>([
      ['2026-11-30', 'holiday'],
      ['2026-11-29', 'workday'],
    ]);
    // Sunday becomes a working day, Monday a holiday.
    expect(workingDaysLeft('2026-11-27', '2026-12-03', special)).toBe(5);
    expect(workingDaysLeft('2026-11-28', '2026-11-30', special)).toBe(1);
  });

  it('puts in-period notices first, ending soonest first, then the newest', () => {
    const sorted = sortForReading([
      row({ id: 1, startsOn: '2026-10-01', endsOn: '2026-10-08' }),
      row({ id: 2, inPeriod: true, endsOn: '2026-12-04' }),
      row({ id: 3, startsOn: '2026-11-01', endsOn: '2026-11-07' }),
      row({ id: 4, inPeriod: true, endsOn: '2026-12-01' }),
    ]);
    expect(sorted.map((r) => r.id)).toEqual([4, 2, 3, 1]);
  });

  it('groups a fingerprint in fours and builds export links', () => {
    expect(groupFingerprint('abcdef012345')).toBe('abcd ef01 2345');
    expect(exportUrl({})).toBe('/api/notices/export.xlsx');
    expect(exportUrl({ year: 2026, type: 'title' })).toBe(
      '/api/notices/export.xlsx?year=2026&type=title',
    );
  });

  it('keeps only safe link targets', () => {
    expect(safeHref('https://example.org/a')).toBe('https://example.org/a');
    expect(safeHref('/notices/1')).toBe('/notices/1');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('//evil.example/x')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
  });

  it('parses the Markdown subset into blocks', () => {
    const blocks = parseBlocks(
      '# 标题\n\n第一行\n第二行\n\n- 甲\n- 乙\n\n1. 一\n2. 二\n\n| 姓名 | 科室 |\n|---|---|\n| 张三 | 内科 |\n\n> 引用\n\n---',
    );
    expect(blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'table',
      'quote',
      'rule',
    ]);
    expect(blocks[1]).toEqual({ kind: 'paragraph', lines: ['第一行', '第二行'] });
    expect(blocks[4]).toEqual({ kind: 'table', head: ['姓名', '科室'], rows: [['张三', '内科']] });
  });

  it('has the same message keys in both languages', () => {
    expect(Object.keys(noticesWebEn).sort()).toEqual(Object.keys(noticesWebZhCN).sort());
    for (const v of Object.values(noticesWebEn)) expect(v.trim()).not.toBe('');
  });
});
