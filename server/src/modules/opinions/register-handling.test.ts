import { describe, expect, it } from 'vitest';
import { notificationKind } from '../../core/notifications/kinds.js';
import { registerHandling } from './register-handling.js';

const TYPES = [
  'opinion.dispatched',
  'opinion.replied',
  'opinion.question',
  'opinion.bounced',
  'opinion.rated',
  'opinion.inbox_digest',
];

describe('handling notification kinds', () => {
  registerHandling();
  const data = {
    department: '心内科',
    signDue: '2026-12-01',
    reason: '不属于本科室',
    count: 3,
    date: '2026-11-29',
  };
  for (const type of TYPES)
    for (const locale of ['zh-CN', 'en'] as const)
      it(`${type} reads in ${locale}, every placeholder filled`, () => {
        const kind = notificationKind(type)!;
        expect(kind).toBeDefined();
        const text = `${kind.title(data, locale)} ${kind.body(data, locale)} ${kind.label!(locale)}`;
        expect(text).not.toMatch(/[{}]|opinions\.notify/);
        expect(kind.link!({ type: 'opinion', id: 'A'.repeat(22) }, data)).toMatch(/^\/opinions\//);
      });
  it('shows the department and the count, and nothing about a submitter', () => {
    expect(notificationKind('opinion.dispatched')!.title(data, 'zh-CN')).toContain('心内科');
    expect(notificationKind('opinion.inbox_digest')!.body(data, 'en')).toContain('3');
  });
});
