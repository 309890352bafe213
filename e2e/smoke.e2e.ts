import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  describeBrowser,
  launchBrowser,
  newPhonePage,
  PHONE,
  screenshot,
  startServer,
  type RunningServer,
} from './harness.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('smoke: the real server process', () => {
  it('answers /api/health', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      db: server.database === 'sqlite' ? 'sqlite' : 'postgres',
    });
  });

  it('serves the built web app at / with a script and a strict CSP', async () => {
    const res = await fetch(`${server.url}/`);
    expect(
      res.status,
      'dist/web missing? npm test builds it; for test:e2e run npm run build:web',
    ).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<script[^>]+src="\/assets\/[^"]+\.js"/);
    // A missing asset is a 404, not index.html served as JavaScript; an app path is the page.
    expect((await fetch(`${server.url}/assets/gone-after-deploy.js`)).status).toBe(404);
    const deep = await fetch(`${server.url}/org/people?q=x`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});

describeBrowser('smoke: login page on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the Chinese login form at 360×740 without script errors', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    try {
      const res = await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
      expect(res?.status(), 'the web app is not built (dist/web)').toBe(200);
      // antd puts a space between two CJK characters in a button ("登 录"), hence \s*.
      const submit = page
        .getByTestId('login-submit')
        .or(page.getByRole('button', { name: /登\s*录/ }))
        .first();
      await submit.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await submit.innerText()).toMatch(/登\s*录/);
      await screenshot(page, 'smoke-login-360x740');
      // Nothing wider than the phone: no horizontal scrolling on the login page. The offenders
      // are named in the message. (Strings: this project's TypeScript has no DOM types here.)
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      const offenders = await page.evaluate<string[]>(`(() => {
        const limit = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
          .slice(0, 5)
          .map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
            ' right=' + Math.round(el.getBoundingClientRect().right));
      })()`);
      expect(overflow, `wider than ${PHONE.width}px: ${offenders.join(', ')}`).toBeLessThanOrEqual(
        0,
      );
      // A 401 from the session check before login is expected; anything else (CSP violations,
      // exceptions, failed chunks) is not.
      expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describeBrowser('smoke: API docs page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the OpenAPI document under the strict CSP', async () => {
    const { context, page, errors } = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/api/docs`, { waitUntil: 'networkidle' });
      const title = page.locator('.title').first();
      await title.waitFor({ timeout: 20_000 });
      expect(await title.innerText()).toContain('连心 Lianxin API');
      expect(await page.locator('.opblock').count()).toBeGreaterThan(40);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    const own = await startServer();
    const body = JSON.stringify({ username: '104012', password: 'Lx-E2e-Demo-2026!' });
    // Send the headers and half the body, signal, then the rest: the request is surely in flight.
    const answer = new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${own.url}/api/auth/login`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        own.process.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 200);
      }, 200);
    });
    const exited = new Promise<number | null>((resolve) =>
      own.process.once('exit', (code) => resolve(code)),
    );
    expect(await answer).toBe(200);
    const answeredAt = Date.now();
    expect(await exited).toBe(0);
    // The answered socket must not hold the close open until a keep-alive timeout.
    expect(Date.now() - answeredAt).toBeLessThan(3000);
    expect(own.logs()).not.toMatch(/unhandled|shutdown failed/);
    await own.stop();
  });
});
