// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { cleanupApp, findElement, renderApp } from '../../test/render';
import { installDomStubs, officeMe } from '../../test/dom';
import type { Me } from '../auth/types';

const office = officeMe();

beforeAll(installDomStubs);

const calls: string[] = [];

function stubApi(me: Me, unread: number) {
  calls.length = 0;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      calls.push(url);
      if (url.startsWith('/api/auth/me')) return json(200, { me });
      if (url.startsWith('/api/notifications/unread-count')) {
        return me.mustChangePassword
          ? json(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '' } })
          : json(200, { count: unread });
      }
      return json(404, { error: { code: 'NOT_FOUND', message: '' } });
    }),
  );
}

afterEach(cleanupApp);

describe('the inbox bell', () => {
  it('shows the unread count and links to the inbox', async () => {
    stubApi(office, 3);
    await renderApp('/');
    const bell = await findElement('[data-testid="inbox-bell"][data-count="3"]');
    expect(bell.getAttribute('href')).toBe('/inbox');
    expect(bell.getAttribute('aria-label')).toBe('消息（3 条未读）');
  });

  it('does not poll while a password change is pending', async () => {
    stubApi({ ...office, mustChangePassword: true }, 3);
    await renderApp('/account/password');
    await findElement('[data-testid="logout"]');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 100));
    });
    expect(document.querySelector('[data-testid="inbox-bell"]')).toBeNull();
    expect(calls.some((c) => c.startsWith('/api/notifications'))).toBe(false);
  });
});
