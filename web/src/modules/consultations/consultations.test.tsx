// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { App as AntApp } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { translate } from '@lianxin/common';
import '../../i18n';
import type { TFunction } from '../../i18n';
import { installDomStubs } from '../../test/dom';
import { AppProviders } from '../../app/AppProviders';
import { plusDays } from './NewConsultationDrawer';
import { SectionBody, SplitPreview } from './parts';
import { reasonMissing, reportChartOption, sectionName, type Report, type Section } from './types';

beforeAll(installDomStubs);

const t: TFunction = (key, params) => translate('zh-CN', key, params);

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
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
const counts = {
  agree: 3,
  disagree: 1,
  comments: 1,
  adopted: 0,
  partly: 0,
  notAdopted: 0,
  unanswered: 1,
};

const section = (over: Partial<Section> = {}): Section => ({
  id: 11,
  seq: 3,
  kind: 'article',
  label: '第二条',
  chapter: '第一章 总则',
  text: '第二条 <img src=x onerror="window.__cx=1">迟到三次按旷工半天处理。',
  counts,
  myStance: null,
  comments: [
    {
      id: 7,
      sectionId: 11,
      body: '<script>window.__cx=2</script>处理过重',
      createdAt: '2026-11-27T02:00:00.000Z',
      answer: null,
      answerReason: null,
      answeredAt: null,
      authorName: '张伟',
      authorDepartment: '心内科',
      mine: false,
    },
  ],
  ...over,
});

describe('consultation helpers', () => {
  it('names sections and requires a reason unless adopted', () => {
    expect(sectionName(t, { kind: 'article', label: '第三条' })).toBe('第三条');
    expect(sectionName(t, { kind: 'preamble', label: '' })).toBe('前言');
    expect(sectionName(t, { kind: 'whole', label: '' })).toBe('全文');
    expect(reasonMissing('adopted', '')).toBe(false);
    expect(reasonMissing('partly', '  ')).toBe(true);
    expect(reasonMissing('not_adopted', '已有规定')).toBe(false);
    expect(reasonMissing(null, '')).toBe(false);
    expect(plusDays('2026-12-25', 14)).toBe('2027-01-08');
  });

  it('builds one bar category per section, horizontal on a phone', () => {
    const report = {
      sections: [
        { id: 1, seq: 1, kind: 'preamble', label: '', chapter: '', text: '', counts, items: [] },
        {
          id: 2,
          seq: 2,
          kind: 'article',
          label: '第一条',
          chapter: '',
          text: '',
          counts,
          items: [],
        },
      ],
    } as Pick<Report, 'sections'>;
    const desk = reportChartOption(t, report, false);
    expect(desk.xAxis).toMatchObject({ type: 'category', data: ['前言', '第一条'] });
    expect(desk.series.map((s) => s.name)).toEqual([
      '赞同',
      '不赞同',
      '采纳',
      '部分采纳',
      '不予采纳',
    ]);
    expect(desk.series[0]!.data).toEqual([3, 3]);
    const phone = reportChartOption(t, report, true);
    expect(phone.yAxis).toMatchObject({ type: 'category' });
  });
});

describe('section card', () => {
  it('lets staff take a stance (tap again withdraws) and comment, stored markup as text', async () => {
    const onStance = vi.fn(async () => undefined);
    const onComment = vi.fn(async () => undefined);
    render(
      <SectionBody
        section={section({ myStance: 'disagree', comments: [] })}
        manages={false}
        canComment
        canAnswer={false}
        onStance={onStance}
        onComment={onComment}
        onAnswer={async () => undefined}
      />,
    );
    expect(byId('section-text-3')!.textContent).toContain('<img src=x');
    expect(host!.querySelector('img')).toBeNull();
    expect(byId('stance-disagree-3')!.getAttribute('aria-pressed')).toBe('true');
    await act(async () => byId('stance-disagree-3')!.click());
    expect(onStance).toHaveBeenCalledWith(null);
    await act(async () => byId('stance-agree-3')!.click());
    expect(onStance).toHaveBeenLastCalledWith('agree');

    const input = byId('comment-input-3') as HTMLTextAreaElement;
    expect((byId('comment-submit-3') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(input, ' 建议改为扣绩效分 ');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => byId('comment-submit-3')!.click());
    expect(onComment).toHaveBeenCalledWith('建议改为扣绩效分');
  });

  it('shows the drafting side every comment with its author and an answer form needing a reason', async () => {
    const onAnswer = vi.fn(async () => undefined);
    render(
      <SectionBody
        section={section()}
        manages
        canComment={false}
        canAnswer
        onStance={async () => undefined}
        onComment={async () => undefined}
        onAnswer={onAnswer}
      />,
    );
    expect(byId('stance-agree-3')).toBeNull();
    expect(byId('comment-author')!.textContent).toBe('张伟（心内科）');
    expect(byId('comment-7')!.textContent).toContain('<script>');
    expect((window as { __cx?: number }).__cx).toBeUndefined();
    const submit = () => byId('answer-submit-7') as HTMLButtonElement;
    expect(submit().disabled).toBe(true);
    // The label's radio input (a phone taps the label; jsdom does not forward the click).
    const radio = byId('answer-partly-7')!.closest('label')!.querySelector('input')!;
    await act(async () => radio.click());
    expect(submit().disabled).toBe(true);
    const reason = byId('answer-reason-7') as HTMLTextAreaElement;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(reason, '改为迟到五次');
      reason.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(submit().disabled).toBe(false);
    await act(async () => submit().click());
    expect(onAnswer).toHaveBeenCalledWith(7, 'partly', '改为迟到五次');
  });

  it('previews the split with localised section names', () => {
    render(
      <SplitPreview
        sections={[
          { kind: 'preamble', label: '', chapter: '', text: '标题' },
          { kind: 'article', label: '第一条', chapter: '', text: '第一条 甲' },
        ]}
      />,
    );
    const cards = host!.querySelectorAll('[data-testid="consultation-preview-section"]');
    expect(cards).toHaveLength(2);
    expect(cards[0]!.textContent).toContain('前言');
    expect(byId('consultation-preview-list')!.textContent).toContain('共拆分为 2 个部分');
  });
});
