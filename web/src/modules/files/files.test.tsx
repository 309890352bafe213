// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App as AntApp } from 'antd';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../i18n';
import { installDomStubs } from '../../test/dom';
import { AppProviders } from '../../app/AppProviders';
import { AttachmentList } from './AttachmentList';
import { AttachmentUpload } from './AttachmentUpload';
import { acceptableName, formatBytes, type Attachment } from './types';

beforeAll(installDomStubs);

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
        <AntApp>{node}</AntApp>
      </AppProviders>,
    ),
  );
  return host;
}

const att = (id: string, name: string, mime: string): Attachment => ({
  id,
  name,
  size: 2048,
  mime,
  sha256: 'a'.repeat(64),
  abilities: { download: true, preview: mime !== 'text/plain' },
});

describe('attachment helpers', () => {
  it('accepts the server’s extensions (or none) and formats sizes', () => {
    expect(acceptableName('照片.JPG')).toBe(true);
    expect(acceptableName('意见.docx')).toBe(true);
    expect(acceptableName('README')).toBe(true);
    expect(acceptableName('setup.exe')).toBe(false);
    expect(acceptableName('drawing.svg')).toBe(false);
    expect(acceptableName('old.doc')).toBe(false);
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(1536)).toBe('2 KB');
    expect(formatBytes(12)).toBe('12 B');
  });
});

describe('AttachmentList', () => {
  it('links each file to the API, shows names as text, and offers preview for images and PDF', () => {
    const el = render(
      <AttachmentList
        items={[
          att('AAAAAAAAAAAAAAAAAAAAAA', '<img src=x onerror=alert(1)>.png', 'image/png'),
          att('BBBBBBBBBBBBBBBBBBBBBB', '说明.txt', 'text/plain'),
        ]}
      />,
    );
    const links = [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toContain('/api/files/AAAAAAAAAAAAAAAAAAAAAA');
    expect(links).toContain('/api/files/BBBBBBBBBBBBBBBBBBBBBB');
    expect(el.querySelector('img')).toBeNull(); // the name stayed text
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>.png');
    expect(
      el.querySelector('[data-testid="attachment-preview-AAAAAAAAAAAAAAAAAAAAAA"]'),
    ).not.toBeNull();
    expect(
      el.querySelector('[data-testid="attachment-preview-BBBBBBBBBBBBBBBBBBBBBB"]'),
    ).toBeNull();
  });
});

describe('AttachmentUpload', () => {
  it('renders the button and the limits in Chinese', () => {
    const el = render(<AttachmentUpload />);
    expect(el.textContent).toContain('上传附件');
    expect(el.textContent).toContain('20 MB');
    expect(el.querySelector('input[type="file"]')?.getAttribute('accept')).toContain('.docx');
  });
});
