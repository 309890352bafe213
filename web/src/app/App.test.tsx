// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { cleanupApp, findElement, renderApp } from '../test/render';
import { installDomStubs, officeMe } from '../test/dom';
import type { Me } from '../modules/auth/types';

const office = officeMe();

beforeAll(installDomStubs);

function stubApi(me: Me | null) {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.startsWith('/api/auth/me')) {
        return me
          ? json(200, { me })
          : json(401, { error: { code: 'UNAUTHENTICATED', message: '' } });
      }
      if (url.startsWith('/api/setup/status')) return json(200, { needed: false });
      return json(404, { error: { code: 'NOT_FOUND', message: '' } });
    }),
  );
}

afterEach(cleanupApp);

describe('the web app in a DOM', () => {
  it('renders the login form with its test hooks, in Chinese by default', async () => {
    stubApi(null);
    await renderApp('/login');
    const username = await findElement('[data-testid="login-username"]');
    expect(username.tagName).toBe('INPUT');
    expect((await findElement('[data-testid="login-password"]')).tagName).toBe('INPUT');
    expect(
      (await findElement('[data-testid="login-submit"]')).textContent?.replace(/\s/g, ''),
    ).toBe('登录');
    expect(document.cookie).toContain('lx_locale=zh-CN');
  });

  it('opens the anonymous objection tracker signed out, without bouncing to the login', async () => {
    stubApi(null);
    const router = await renderApp('/notices/track');
    await findElement('[data-testid="objection-track-code"]');
    expect(router.state.location.pathname).toBe('/notices/track');
    expect(document.querySelector('[data-testid="login-username"]')).toBeNull();
  });

  it('switches to English and remembers it in the lx_locale cookie', async () => {
    stubApi(null);
    await renderApp('/login');
    const toggle = await findElement('[data-testid="lang-switch"]');
    await act(async () => toggle.click());
    expect((await findElement('[data-testid="login-submit"]')).textContent).toContain('Sign in');
    expect(document.cookie).toContain('lx_locale=en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('shows the office the menu its abilities allow, and greets them', async () => {
    stubApi(office);
    await renderApp('/');
    expect((await findElement('[data-testid="home-welcome"]')).textContent).toContain('刘洋');
    await findElement('[data-testid="menu-org-people"]');
    await findElement('[data-testid="menu-org-import"]');
    expect(document.querySelector('[data-testid="menu-audit"]')).toBeNull();
    expect(document.querySelector('[data-testid="menu-org-admins"]')).toBeNull();
    expect((await findElement('[data-testid="unit-name"]')).textContent).toContain('测试单位T1');
  });

  it('refuses a page the abilities do not allow', async () => {
    stubApi(office);
    await renderApp('/audit');
    await findElement('[data-testid="forbidden"]');
  });

  it('forces a pending password change: no menu, only the password form', async () => {
    stubApi({ ...office, mustChangePassword: true });
    const router = await renderApp('/org/people');
    await findElement('[data-testid="pw-current"]');
    expect(router.state.location.pathname).toBe('/account/password');
    expect(document.querySelector('[data-testid="menu-home"]')).toBeNull();
    await findElement('[data-testid="logout"]');
    await findElement('[data-testid="pw-forced"]');
  });
});
