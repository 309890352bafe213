import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../app/api';
import { ACTIONS, isHandlerView } from './actions';
import {
  groupReceipt,
  isLate,
  newIdempotencyKey,
  normalizeReceipt,
  submitOpinion,
  submitterAbilities,
} from './types';

describe('receipt codes', () => {
  it('takes the 16 digits with spaces or dashes, nothing else', () => {
    expect(normalizeReceipt('1234 5678 9012 3456')).toBe('1234567890123456');
    expect(normalizeReceipt(' 1234-5678-9012-3456 ')).toBe('1234567890123456');
    expect(normalizeReceipt('123456789012345')).toBeNull();
    expect(normalizeReceipt('12345678901234567')).toBeNull();
    expect(normalizeReceipt('1234 5678 9012 345a')).toBeNull();
    expect(normalizeReceipt('')).toBeNull();
  });
  it('groups by four for reading', () => {
    expect(groupReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
    expect(groupReceipt('1234 5678-9012')).toBe('1234 5678 9012');
    expect(groupReceipt('12345')).toBe('1234 5');
    expect(groupReceipt('1234')).toBe('1234');
  });
});

describe('late items', () => {
  it('trusts the server’s flag, else compares the due date with today in Shanghai', () => {
    expect(isLate({ late: true, status: 'closed' }, '2026-11-27')).toBe(true);
    expect(isLate({ late: false, status: 'signed', replyDue: '2026-11-01' }, '2026-11-27')).toBe(
      false,
    );
    expect(isLate({ status: 'signed', replyDue: '2026-11-26' }, '2026-11-27')).toBe(true);
    expect(isLate({ status: 'signed', replyDue: '2026-11-27' }, '2026-11-27')).toBe(false);
    expect(isLate({ status: 'closed', replyDue: '2026-11-01' }, '2026-11-27')).toBe(false);
    expect(isLate({ status: 'signed', replyDue: null }, '2026-11-27')).toBe(false);
    const dl = (dueDate: string, late = false) => ({ step: 'sign', dueDate, late });
    expect(isLate({ status: 'dispatched', deadlines: [dl('2026-11-26')] }, '2026-11-27')).toBe(
      true,
    );
    expect(isLate({ status: 'dispatched', deadlines: [dl('2026-11-30')] }, '2026-11-27')).toBe(
      false,
    );
  });

  it('gives the named submitter answer while a question is open, rate once replied', () => {
    const ev = (type: string) => ({ type, author: 'office' as const, on: '2026-11-27' });
    expect(submitterAbilities({ status: 'signed', timeline: [ev('question')] })).toEqual({
      answer: true,
      rate: false,
    });
    expect(
      submitterAbilities({ status: 'signed', timeline: [ev('question'), ev('answer')] }),
    ).toEqual({ answer: false, rate: false });
    expect(submitterAbilities({ status: 'replied', timeline: [ev('question')] })).toEqual({
      answer: false,
      rate: true,
    });
  });
});

describe('submitting with an idempotency key', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes a fresh key each time, long enough for the server (8–100)', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(8);
    expect(a.length).toBeLessThanOrEqual(100);
  });

  it('sends the same key on a retry after a network error and returns the first answer', async () => {
    const answer = { opinion: { id: 'abc' }, receiptCode: '1234 5678 9012 3456' };
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(
        new Response(JSON.stringify(answer), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
      );
    vi.stubGlobal('fetch', fetchMock);
    const key = newIdempotencyKey();
    const body = { kind: 'opinion', title: 't', content: 'c', anonymous: true };

    const first = await submitOpinion(body, key).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApiError);
    expect((first as ApiError).code).toBe('NETWORK');
    await expect(submitOpinion(body, key)).resolves.toEqual(answer);

    expect(fetchMock).toHaveBeenCalledTimes(2);
    for (const [url, init] of fetchMock.mock.calls as [string, RequestInit][]) {
      expect(url).toBe('/api/opinions');
      expect(init.method).toBe('POST');
      expect((init.headers as Record<string, string>)['Idempotency-Key']).toBe(key);
      expect(JSON.parse(init.body as string)).toEqual(body);
    }
  });

  it('turns an error answer into its stable code', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(
        new Response(JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'x' } }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
    const err = (await submitOpinion({}, 'k'.repeat(10)).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(400);
    expect(err.code).toBe('VALIDATION_FAILED');
  });
});

describe('handling actions', () => {
  const spec = (name: string) => ACTIONS.find((a) => a.name === name)!;

  it('posts to the design’s paths', () => {
    expect(Object.fromEntries(ACTIONS.map((a) => [a.name, a.path]))).toEqual({
      accept: 'accept',
      notAccept: 'not-accept',
      dispatch: 'dispatch',
      sign: 'sign',
      bounce: 'bounce',
      ask: 'ask',
      reply: 'reply',
      extension: 'extension',
      decision: 'extension/decision',
      merge: 'merge',
      publish: 'publish',
    });
  });

  it('builds trimmed bodies; the lead department is never also a co-department', () => {
    expect(spec('dispatch').body({ leadDepartmentId: 4, coDepartmentIds: [4, 5] })).toEqual({
      leadDepartmentId: 4,
      coDepartmentIds: [5],
    });
    expect(spec('dispatch').body({ leadDepartmentId: 4 })).toEqual({
      leadDepartmentId: 4,
      coDepartmentIds: [],
    });
    expect(spec('notAccept').body({ reason: ' 不属于 ', suggestedChannel: ' 工会 ' })).toEqual({
      reason: '不属于',
      suggestedChannel: '工会',
    });
    expect(spec('extension').body({ days: '3', reason: 'r' })).toEqual({ days: 3, reason: 'r' });
    expect(spec('decision').body({ approve: false, reason: '  ' })).toEqual({
      approve: false,
      reason: undefined,
    });
    expect(spec('reply').body({ body: ' <script>x</script> ' })).toEqual({
      body: '<script>x</script>',
    });
  });

  it('tells a handler’s view from the submitter’s by its abilities', () => {
    expect(isHandlerView({ abilities: { answer: true, rate: false } })).toBe(false);
    expect(isHandlerView({ abilities: { accept: false, sign: false } })).toBe(true);
  });
});
