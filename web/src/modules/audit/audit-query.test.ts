import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { auditQuery, formatDetail, formatTarget } from './audit-query';

describe('audit search', () => {
  it('sends picked dates as YYYY-MM-DD and leaves blanks out', () => {
    expect(
      auditQuery({ actor: ' 张 ', range: [dayjs('2026-11-01'), dayjs('2026-11-27')] }, 2, 20),
    ).toEqual({
      actor: '张',
      action: undefined,
      from: '2026-11-01',
      to: '2026-11-27',
      page: 2,
      pageSize: 20,
    });
    expect(
      auditQuery({ action: 'auth.login', range: [null, dayjs('2026-01-05')] }, 1, 20),
    ).toMatchObject({
      action: 'auth.login',
      from: undefined,
      to: '2026-01-05',
    });
  });

  it('reads the two small-screen pickers the same way', () => {
    expect(auditQuery({ from: dayjs('2026-02-01'), to: null }, 1, 20)).toMatchObject({
      from: '2026-02-01',
      to: undefined,
    });
  });

  it('shows details as plain text', () => {
    expect(formatDetail({ device: 'Chrome', locked: false })).toBe(
      '{"device":"Chrome","locked":false}',
    );
    expect(formatDetail('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(formatDetail(null)).toBe('—');
    expect(formatDetail({})).toBe('—');
  });

  it('names targets', () => {
    expect(formatTarget('person', 12)).toBe('person #12');
    expect(formatTarget(null, null)).toBe('—');
  });
});
