import { describe, expect, it } from 'vitest';
import { hasAttachmentPolicy } from '../../core/files/registry.js';
import { notificationKind } from '../../core/notifications/kinds.js';
import { registerNotices } from './register.js';

const TYPES = [
  'notice.review_requested',
  'notice.review_decided',
  'notice.objection_received',
  'notice.objection_found',
];

describe('notices: registrations', () => {
  registerNotices();
  const data = {
    title: '职称评审推荐人选公示',
    approved: true,
    comment: '核对无误',
    dueOn: '2026-12-04',
    finding: 'partly_upheld',
  };
  for (const type of TYPES)
    for (const locale of ['zh-CN', 'en'] as const)
      it(`${type} reads in ${locale}, every placeholder filled`, () => {
        const kind = notificationKind(type)!;
        expect(kind).toBeDefined();
        const text = `${kind.title(data, locale)} ${kind.body(data, locale)} ${kind.label!(locale)}`;
        expect(text).not.toMatch(/[{}]|notices\.(notify|finding|decided)/);
        expect(kind.body(data, locale)).toContain('职称评审');
        expect(kind.link!({ type: 'notice', id: '12' }, data)).toMatch(/^\/notices\//);
      });

  it('says what the finding was', () => {
    expect(notificationKind('notice.objection_found')!.body(data, 'zh-CN')).toContain(
      '异议部分成立',
    );
    expect(notificationKind('notice.review_decided')!.title({ approved: false }, 'en')).toContain(
      'sent back',
    );
  });

  it('registers the attachment policies of notices and objections', () => {
    expect(hasAttachmentPolicy('notice')).toBe(true);
    expect(hasAttachmentPolicy('notice_objection')).toBe(true);
  });
});
