// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { App as AntApp } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { installDomStubs } from '../../test/dom';
import { AppProviders } from '../../app/AppProviders';
import { ReceiptStep } from './ReceiptStep';
import { SubmitterView } from './parts';
import TrackPage from './TrackPage';
import type { OpinionView } from './types';

beforeAll(installDomStubs);

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  vi.unstubAllGlobals();
});

function render(node: React.ReactNode) {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() =>
    root!.render(
      <AppProviders>
        <AntApp>
          <MemoryRouter>{node}</MemoryRouter>
        </AntApp>
      </AppProviders>,
    ),
  );
  return host;
}

const byId = (id: string) => host!.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const flush = () => act(() => new Promise((r) => setTimeout(r, 20)));

const opinion = (over: Partial<OpinionView> = {}): OpinionView => ({
  id: 'x'.repeat(22),
  kind: 'complaint',
  title: '<b>标题</b>',
  content: '<script>window.hacked = 1</script><img src=x onerror=alert(1)>',
  status: 'replied',
  submittedOn: '2026-11-20',
  timeline: [
    {
      type: 'reply',
      author: 'department',
      departmentName: '心内科',
      body: '<i>答复</i>',
      on: '2026-11-25',
    },
  ],
  abilities: { answer: false, rate: true },
  ...over,
});

describe('ReceiptStep', () => {
  it('shows the code grouped and lets the person leave only after "written down"', () => {
    const onDone = vi.fn();
    render(<ReceiptStep code="1234567890123456" onDone={onDone} />);
    expect(byId('opinion-receipt-code')!.textContent).toBe('1234 5678 9012 3456');
    const done = byId('opinion-receipt-done') as HTMLButtonElement;
    expect(done.disabled).toBe(true);
    act(() => done.click());
    expect(onDone).not.toHaveBeenCalled();
    const el = byId('opinion-receipt-confirm')!;
    const box = el instanceof HTMLInputElement ? el : el.querySelector('input')!;
    act(() => box.click());
    expect((byId('opinion-receipt-done') as HTMLButtonElement).disabled).toBe(false);
    act(() => byId('opinion-receipt-done')!.click());
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('SubmitterView', () => {
  it('renders stored markup as text, never as elements', () => {
    render(<SubmitterView opinion={opinion()} onAnswer={vi.fn()} onRate={vi.fn()} />);
    expect(byId('opinion-content')!.textContent).toBe(
      '<script>window.hacked = 1</script><img src=x onerror=alert(1)>',
    );
    expect(byId('opinion-title')!.textContent).toBe('<b>标题</b>');
    expect(host!.querySelector('script, img, b, i')).toBeNull();
    expect(byId('opinion-timeline')!.textContent).toContain('<i>答复</i>');
  });

  it('offers answering and rating only as the abilities say', () => {
    render(<SubmitterView opinion={opinion()} onAnswer={vi.fn()} onRate={vi.fn()} />);
    expect(byId('opinion-rate-form')).not.toBeNull();
    expect(byId('opinion-answer-body')).toBeNull();
    act(() => root!.unmount());
    host!.remove();
    render(
      <SubmitterView
        opinion={opinion({ status: 'signed', abilities: { answer: true, rate: false } })}
        onAnswer={vi.fn()}
        onRate={vi.fn()}
      />,
    );
    expect(byId('opinion-rate-form')).toBeNull();
    expect(byId('opinion-answer-body')).not.toBeNull();
  });
});

describe('TrackPage', () => {
  it('sends the digits only, shows the item, and shows a refusal as an error', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ opinion: opinion() }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
      )
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'x' } }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        }),
      );
    vi.stubGlobal('fetch', fetchMock);
    render(<TrackPage />);
    const input = byId('track-code') as HTMLInputElement;
    const type = (value: string) =>
      act(() => {
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });

    type('1234 56');
    act(() => byId('track-submit')!.click());
    await flush();
    expect(fetchMock).not.toHaveBeenCalled();

    type('1234-5678-9012-3456');
    act(() => byId('track-submit')!.click());
    await flush();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/opinions/track');
    expect(JSON.parse(init.body as string)).toEqual({ receiptCode: '1234567890123456' });
    expect(byId('track-result')!.textContent).toContain('<b>标题</b>');

    act(() => byId('track-submit')!.click());
    await flush();
    expect(byId('track-error')).not.toBeNull();
    expect(byId('track-result')).toBeNull();
  });
});
