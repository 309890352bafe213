// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { installDomStubs, officeMe } from '../test/dom';
import type { Me } from '../modules/auth/types';
import { AppProviders } from './AppProviders';
import { queryClient } from './queryClient';
import { routes } from './router';

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

let root: Root | null = null;
let host: HTMLElement | null = null;

async function render(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  await act(async () => {
    root!.render(
      <AppProviders>
        <RouterProvider router={router} />
      </AppProviders>,
    );
  });
  return router;
}

async function find(selector: string, timeout = 5000): Promise<HTMLElement> {
  const start = Date.now();
  for (;;) {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) return el;
    if (Date.now() - start > timeout)
      throw new Error(`not found: ${selector}\n${document.body.innerHTML.slice(0, 2000)}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

afterEach(async () => {
  await act(async () => root?.unmount());
  host?.remove();
  root = null;
  queryClient.clear();
  vi.unstubAllGlobals();
  document.cookie = 'lx_locale=; Max-Age=0; Path=/';
});

describe('the web app in a DOM', () => {
  it('renders the login form with its test hooks, in Chinese by default', async () => {
    stubApi(null);
    await render('/login');
    const username = await find('[data-testid="login-username"]');
    expect(username.tagName).toBe('INPUT');
    expect((await find('[data-testid="login-password"]')).tagName).toBe('INPUT');
    expect((await find('[data-testid="login-submit"]')).textContent?.replace(/\s/g, '')).toBe(
      '登录',
    );
    expect(document.cookie).toContain('lx_locale=zh-CN');
  });

  it('switches to English and remembers it in the lx_locale cookie', async () => {
    stubApi(null);
    await render('/login');
    const toggle = await find('[data-testid="lang-switch"]');
    await act(async () => toggle.click());
    expect((await find('[data-testid="login-submit"]')).textContent).toContain('Sign in');
    expect(document.cookie).toContain('lx_locale=en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('shows the office the menu its abilities allow, and greets them', async () => {
    stubApi(office);
    await render('/');
    expect((await find('[data-testid="home-welcome"]')).textContent).toContain('刘洋');
    await find('[data-testid="menu-org-people"]');
    await find('[data-testid="menu-org-import"]');
    expect(document.querySelector('[data-testid="menu-audit"]')).toBeNull();
    expect(document.querySelector('[data-testid="menu-org-admins"]')).toBeNull();
    expect((await find('[data-testid="unit-name"]')).textContent).toContain('测试单位T1');
  });

  it('refuses a page the abilities do not allow', async () => {
    stubApi(office);
    await render('/audit');
    await find('[data-testid="forbidden"]');
  });

  it('forces a pending password change: no menu, only the password form', async () => {
    stubApi({ ...office, mustChangePassword: true });
    const router = await render('/org/people');
    await find('[data-testid="pw-current"]');
    expect(router.state.location.pathname).toBe('/account/password');
    expect(document.querySelector('[data-testid="menu-home"]')).toBeNull();
    await find('[data-testid="logout"]');
    await find('[data-testid="pw-forced"]');
  });
});
