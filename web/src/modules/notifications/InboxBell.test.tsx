// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { installDomStubs, officeMe } from '../../test/dom';
import type { Me } from '../auth/types';
import { AppProviders } from '../../app/AppProviders';
import { queryClient } from '../../app/queryClient';
import { routes } from '../../app/router';

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

describe('the inbox bell', () => {
  it('shows the unread count and links to the inbox', async () => {
    stubApi(office, 3);
    await render('/');
    const bell = await find('[data-testid="inbox-bell"][data-count="3"]');
    expect(bell.getAttribute('href')).toBe('/inbox');
    expect(bell.getAttribute('aria-label')).toBe('消息（3 条未读）');
  });

  it('does not poll while a password change is pending', async () => {
    stubApi({ ...office, mustChangePassword: true }, 3);
    await render('/account/password');
    await find('[data-testid="logout"]');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 100));
    });
    expect(document.querySelector('[data-testid="inbox-bell"]')).toBeNull();
    expect(calls.some((c) => c.startsWith('/api/notifications'))).toBe(false);
  });
});
