import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiRequest,
  buildQuery,
  codeForStatus,
  parseApiError,
  setApiHandlers,
} from './api';

describe('parseApiError', () => {
  it('reads the API error body', () => {
    const err = parseApiError(409, {
      error: { code: 'STAFF_NO_TAKEN', message: '工号已被使用。', details: { staffNo: 'A1' } },
    });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'STAFF_NO_TAKEN', message: '工号已被使用。' });
    expect(err.details).toEqual({ staffNo: 'A1' });
  });

  it('falls back to the status when the body is not the API shape or the code is unknown', () => {
    expect(parseApiError(502, '<html>Bad gateway</html>').code).toBe('INTERNAL');
    expect(parseApiError(404, undefined).code).toBe('NOT_FOUND');
    expect(parseApiError(400, { error: { code: 'SOMETHING_NEW', message: 'x' } }).code).toBe(
      'BAD_REQUEST',
    );
    expect(parseApiError(429, { message: 'slow down' }).code).toBe('RATE_LIMITED');
  });

  it('maps statuses to codes', () => {
    expect(codeForStatus(401)).toBe('UNAUTHENTICATED');
    expect(codeForStatus(403)).toBe('FORBIDDEN');
    expect(codeForStatus(413)).toBe('BODY_TOO_LARGE');
    expect(codeForStatus(500)).toBe('INTERNAL');
    expect(codeForStatus(418)).toBe('BAD_REQUEST');
  });
});

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery({ q: '张 伟', page: 2, active: false, x: '', y: undefined, z: null })).toBe(
      '?q=%E5%BC%A0+%E4%BC%9F&page=2&active=false',
    );
    expect(buildQuery({})).toBe('');
  });
});

describe('apiRequest', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const handlers = { onUnauthenticated: vi.fn(), onPasswordChangeRequired: vi.fn() };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    setApiHandlers(handlers);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetAllMocks();
  });

  it('sends JSON with the same-origin credentials and returns the answer', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ok: true }));
    await expect(apiRequest('/api/x', { method: 'POST', body: { a: 1 } })).resolves.toEqual({
      ok: true,
    });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/x');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"a":1}' });
    expect((init!.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('sends no content type with an empty POST (the server refuses an empty JSON body)', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ok: true }));
    await apiRequest('/api/auth/logout', { method: 'POST' });
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.body).toBeUndefined();
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('sends people to the login page on 401, but not for a failed login', async () => {
    fetchMock.mockResolvedValueOnce(
      json(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录。' } }),
    );
    await expect(apiRequest('/api/auth/me')).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect(handlers.onUnauthenticated).toHaveBeenCalledTimes(1);

    fetchMock.mockResolvedValueOnce(json(401, { error: { code: 'AUTH_FAILED', message: '…' } }));
    await expect(apiRequest('/api/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject(
      {
        code: 'AUTH_FAILED',
      },
    );
    expect(handlers.onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('sends people to change their password on 403 PASSWORD_CHANGE_REQUIRED only', async () => {
    fetchMock.mockResolvedValueOnce(json(403, { error: { code: 'FORBIDDEN', message: '' } }));
    await expect(apiRequest('/api/audit')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(handlers.onPasswordChangeRequired).not.toHaveBeenCalled();
    fetchMock.mockResolvedValueOnce(
      json(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '' } }),
    );
    await expect(apiRequest('/api/org/people')).rejects.toMatchObject({
      code: 'PASSWORD_CHANGE_REQUIRED',
    });
    expect(handlers.onPasswordChangeRequired).toHaveBeenCalledTimes(1);
  });

  it('turns a failed fetch into NETWORK', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(apiRequest('/api/health')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
