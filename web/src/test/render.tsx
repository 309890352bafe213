import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { AppProviders } from '../app/AppProviders';
import { queryClient } from '../app/queryClient';
import { routes } from '../app/router';

let root: Root | null = null;
let host: HTMLElement | null = null;

/** Render the whole app (its real router) at `path` in jsdom. */
export async function renderApp(path: string) {
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

/** Wait (inside act) until `selector` matches; fail with the page's HTML after `timeout`. */
export async function findElement(selector: string, timeout = 5000): Promise<HTMLElement> {
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

/** For `afterEach`: unmount, forget cached queries, stubbed globals and the language cookie. */
export async function cleanupApp() {
  await act(async () => root?.unmount());
  host?.remove();
  root = null;
  queryClient.clear();
  vi.unstubAllGlobals();
  document.cookie = 'lx_locale=; Max-Age=0; Path=/';
}
