import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../core/calendar/working-days.js';
import { canonicalJson, canonicalText, fingerprintOf, sha256Hex } from './fingerprint.js';
import { editedName, firstSensitiveField, hasSensitiveNumber, maskName } from './mask.js';
import {
  findingActionValid,
  noticeAbilities,
  noticePeriod,
  noticeSettings,
  pathInScope,
  periodPhase,
} from './policy.js';
import { systemActor, type Actor } from '../../core/actor.js';

describe('notices: masking names', () => {
  it('keeps the first and last character, one * per hidden one', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张')).toBe('张');
    expect(maskName(' 李秀英 ')).toBe('李*英');
  });

  it('reads a masked name sent back for a sensitive notice as unchanged', () => {
    expect(editedName(true, '李秀英', '李*英')).toBe('李秀英');
    expect(editedName(true, '李秀英', '李秀兰')).toBe('李秀兰');
    expect(editedName(false, '李秀英', '李*英')).toBe('李*英');
  });
});

describe('notices: ID and phone numbers', () => {
  it('finds 18-digit and 15-digit ID numbers and mobile numbers', () => {
    expect(hasSensitiveNumber('身份证 110101199003071234 已核实')).toBe(true);
    expect(hasSensitiveNumber('身份证11010119900307123X')).toBe(true);
    expect(hasSensitiveNumber('身份证11010119900307123x')).toBe(true);
    expect(hasSensitiveNumber('旧证 110101900307123')).toBe(true);
    expect(hasSensitiveNumber('电话 13812345678')).toBe(true);
    expect(hasSensitiveNumber('电话 138-1234-5678')).toBe(true);
  });
  it('leaves amounts, dates and short numbers alone', () => {
    expect(hasSensitiveNumber('帮扶 5000 元，2026-11-27')).toBe(false);
    expect(hasSensitiveNumber('编号 12345678901')).toBe(false); // 11 digits, not 1[3-9]
    expect(hasSensitiveNumber('座机 010-12345678')).toBe(false);
  });
  it('names the first field holding one', () => {
    expect(
      firstSensitiveField([
        ['title', '公示'],
        ['items.1.detail', '手机 13900001111'],
      ]),
    ).toBe('items.1.detail');
    expect(firstSensitiveField([['title', '公示']])).toBeNull();
  });
});

describe('notices: canonical serialisation', () => {
  const version = {
    noticeId: 7,
    version: 2,
    type: 'title',
    title: '职称评审公示',
    body: '正文 "引号" \n 换行',
    periodStartsOn: '2026-11-02',
    periodEndsOn: '2026-11-06',
    reason: null,
    items: [
      { id: 12, seq: 2, name: '李四', detail: '副主任医师', status: 'active', note: null },
      { id: 11, seq: 1, name: '张三', detail: '主任医师', status: 'withdrawn', note: '异议成立' },
    ],
    attachments: [{ seq: 1, name: '名单.pdf', sha256: 'AB'.repeat(32) }],
  };

  it('sorts keys at every level and leaves no white space', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1}',
    );
  });

  it('is the documented text (items by seq, hashes in lower case)', () => {
    expect(canonicalText(version)).toBe(
      '{"attachments":[{"name":"名单.pdf","seq":1,"sha256":"' +
        'ab'.repeat(32) +
        '"}],"body":"正文 \\"引号\\" \\n 换行","format":"lianxin-notice/1","items":[' +
        '{"detail":"主任医师","id":11,"name":"张三","note":"异议成立","seq":1,"status":"withdrawn"},' +
        '{"detail":"副主任医师","id":12,"name":"李四","note":null,"seq":2,"status":"active"}],' +
        '"noticeId":7,"periodEndsOn":"2026-11-06","periodStartsOn":"2026-11-02","reason":null,' +
        '"title":"职称评审公示","type":"title","version":2}',
    );
  });

  it('gives the documented example its documented fingerprint (docs/notices-design.md)', () => {
    const example = fingerprintOf({
      noticeId: 7,
      version: 1,
      type: 'title',
      title: '职称评审公示',
      body: '正文',
      periodStartsOn: '2026-11-02',
      periodEndsOn: '2026-11-06',
      reason: null,
      items: [{ id: 11, seq: 1, name: '张三', detail: '主任医师', status: 'active', note: null }],
      attachments: [],
    });
    expect(example.canonical).toBe(
      '{"attachments":[],"body":"正文","format":"lianxin-notice/1","items":[{"detail":"主任医师","id":11,"name":"张三","note":null,"seq":1,"status":"active"}],"noticeId":7,"periodEndsOn":"2026-11-06","periodStartsOn":"2026-11-02","reason":null,"title":"职称评审公示","type":"title","version":1}',
    );
    expect(example.fingerprint).toBe(
      '2380d61f253c8148e614880c19e2bceff3df8fac2dad5858d684d426419929f7',
    );
  });

  it('hashes the UTF-8 bytes with SHA-256 and changes with any field', () => {
    const { canonical, fingerprint } = fingerprintOf(version);
    expect(fingerprint).toBe(sha256Hex(canonical));
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const changed = fingerprintOf({
      ...version,
      items: version.items.map((i) => (i.id === 12 ? { ...i, name: '李五' } : i)),
    });
    expect(changed.fingerprint).not.toBe(fingerprint);
  });
});

describe('notices: rules', () => {
  // November 2026: 2 Nov is a Monday; no holidays set here beyond weekends.
  const cal = buildCalendar(1, [2026], []);

  it('starts the period on the publishing day, or the next working day, and counts working days', () => {
    expect(noticePeriod(cal, '2026-11-02', 5)).toEqual({
      startsOn: '2026-11-02',
      endsOn: '2026-11-06',
    });
    expect(noticePeriod(cal, '2026-11-07', 5)).toEqual({
      startsOn: '2026-11-09',
      endsOn: '2026-11-13',
    });
    expect(noticePeriod(cal, '2026-11-05', 3)).toEqual({
      startsOn: '2026-11-05',
      endsOn: '2026-11-09',
    });
    expect(noticePeriod(cal, '2026-11-02', 1)).toEqual({
      startsOn: '2026-11-02',
      endsOn: '2026-11-02',
    });
  });

  it('places today before, during or after the period', () => {
    const n = { starts_on: '2026-11-02', ends_on: '2026-11-06' };
    expect(periodPhase(n, '2026-11-01')).toBe('before');
    expect(periodPhase(n, '2026-11-02')).toBe('during');
    expect(periodPhase(n, '2026-11-06')).toBe('during');
    expect(periodPhase(n, '2026-11-07')).toBe('after');
    expect(periodPhase({ starts_on: null, ends_on: null }, '2026-11-07')).toBeNull();
  });

  it('reads type defaults and the unit settings', () => {
    const d = noticeSettings(undefined);
    expect(d.types.title.periodDays).toBe(5);
    expect(d.types.award.periodDays).toBe(3);
    expect(d.types.hardship.sensitive).toBe(true);
    expect(d.types.title.anonymousObjections).toBe(false);
    expect(d.findingDays).toBe(5);
    const s = noticeSettings({
      findingDays: 3,
      types: {
        other: { anonymousObjections: true, periodDays: 7 },
        hardship: { sensitive: false },
        title: { periodDays: 0 },
      },
    });
    expect(s.findingDays).toBe(3);
    expect(s.types.other).toEqual({
      type: 'other',
      periodDays: 7,
      anonymousObjections: true,
      sensitive: false,
    });
    expect(s.types.hardship.sensitive).toBe(true); // always
    expect(s.types.title.periodDays).toBe(5); // invalid → default
  });

  it('puts sub-departments in a department scope', () => {
    expect(pathInScope('内科/心内科', ['内科'])).toBe(true);
    expect(pathInScope('内科', ['内科'])).toBe(true);
    expect(pathInScope('内科二', ['内科'])).toBe(false);
    expect(pathInScope('外科', ['内科'])).toBe(false);
  });

  it('matches findings and item actions', () => {
    expect(findingActionValid('upheld', 'withdraw')).toBe(true);
    expect(findingActionValid('upheld', 'correct')).toBe(true);
    expect(findingActionValid('upheld', 'none')).toBe(false);
    expect(findingActionValid('not_upheld', 'none')).toBe(true);
    expect(findingActionValid('not_upheld', 'withdraw')).toBe(false);
    expect(findingActionValid('partly_upheld', 'none')).toBe(true);
  });

  it('lets only another office member review, and closes only after the period', () => {
    const a: Actor = { ...systemActor(1), accountId: 5, personId: 5, roles: ['staff', 'office'] };
    const base = {
      status: 'in_review',
      submitted_by: 5,
      phase: null,
      openObjections: 0,
      inScope: true,
    };
    expect(noticeAbilities(a, base).review).toBe(false);
    expect(noticeAbilities({ ...a, accountId: 6 }, base).review).toBe(true);
    const pub = { ...base, status: 'published' };
    expect(noticeAbilities(a, { ...pub, phase: 'during' }).close).toBe(false);
    expect(noticeAbilities(a, { ...pub, phase: 'after', openObjections: 1 }).close).toBe(false);
    expect(noticeAbilities(a, { ...pub, phase: 'after' }).close).toBe(true);
    expect(noticeAbilities(a, { ...pub, phase: 'during' }).object).toBe(true);
    expect(noticeAbilities(a, { ...pub, phase: 'during', inScope: false }).object).toBe(false);
  });
});
