import { Fragment, type ReactNode } from 'react';

/**
 * A small, safe Markdown subset rendered straight to React elements (never to an HTML string):
 * headings `#`–`####`, paragraphs (a single newline is a line break), `-`/`*` and `1.` lists,
 * `>` quotes, `---` rules, pipe tables, and inline `**bold**`, `*italic*`, `` `code` `` and
 * `[text](https://…)` links. Anything else — raw HTML included — is shown as the text it is.
 * Links keep only http(s), mailto and same-site paths, and open with `rel="noopener noreferrer"`.
 */
export function Markdown({ source, testId }: { source: string; testId?: string }) {
  return (
    <div className="lx-markdown" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
      {renderBlocks(source)}
    </div>
  );
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'rule' }
  | { kind: 'table'; head: string[]; rows: string[][] };

const HEADING = /^(#{1,4})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)、]\s*(.*)$/;
const RULE = /^\s*(-{3,}|\*{3,}|_{3,})\s*$/;
const QUOTE = /^\s*>\s?(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function cells(line: string): string[] {
  let l = line.trim();
  if (l.startsWith('|')) l = l.slice(1);
  if (l.endsWith('|')) l = l.slice(0, -1);
  return l.split('|').map((c) => c.trim());
}

/** Split the source into blocks (exported for the tests). */
export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      blocks.push({ kind: 'heading', level: h[1]!.length, text: h[2]!.trim() });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i += 1;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1]!)) {
      const head = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.includes('|') && lines[i]!.trim()) {
        rows.push(cells(lines[i]!));
        i += 1;
      }
      blocks.push({ kind: 'table', head, rows });
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) {
        quoted.push(QUOTE.exec(lines[i]!)![1]!);
        i += 1;
      }
      blocks.push({ kind: 'quote', lines: quoted });
      continue;
    }
    const ordered = NUMBERED.test(line);
    if (ordered || BULLET.test(line)) {
      const re = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      while (i < lines.length && re.test(lines[i]!)) {
        items.push(re.exec(lines[i]!)![1]!);
        i += 1;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() &&
      !HEADING.test(lines[i]!) &&
      !RULE.test(lines[i]!) &&
      !QUOTE.test(lines[i]!) &&
      !BULLET.test(lines[i]!) &&
      !NUMBERED.test(lines[i]!)
    ) {
      para.push(lines[i]!);
      i += 1;
    }
    blocks.push({ kind: 'paragraph', lines: para });
  }
  return blocks;
}

function renderBlocks(source: string): ReactNode[] {
  return parseBlocks(source).map((b, k) => {
    switch (b.kind) {
      case 'heading': {
        const Tag = `h${Math.min(6, b.level + 2)}` as 'h3';
        return <Tag key={k}>{inline(b.text)}</Tag>;
      }
      case 'rule':
        return <hr key={k} />;
      case 'quote':
        return (
          <blockquote
            key={k}
            style={{ margin: '8px 0', paddingLeft: 12, borderLeft: '3px solid #d9d9d9' }}
          >
            {withBreaks(b.lines)}
          </blockquote>
        );
      case 'list': {
        const children = b.items.map((it, j) => <li key={j}>{inline(it)}</li>);
        return b.ordered ? <ol key={k}>{children}</ol> : <ul key={k}>{children}</ul>;
      }
      case 'table':
        return (
          <div key={k} style={{ overflowX: 'auto', maxWidth: '100%' }}>
            <table className="lx-markdown-table" style={{ borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  {b.head.map((c, j) => (
                    <th key={j} style={CELL}>
                      {inline(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r, j) => (
                  <tr key={j}>
                    {r.map((c, m) => (
                      <td key={m} style={CELL}>
                        {inline(c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      case 'paragraph':
        return <p key={k}>{withBreaks(b.lines)}</p>;
    }
  });
}

const CELL = { border: '1px solid #f0f0f0', padding: '4px 8px', textAlign: 'left' } as const;

function withBreaks(lines: string[]): ReactNode[] {
  return lines.map((l, j) => (
    <Fragment key={j}>
      {j > 0 ? <br /> : null}
      {inline(l)}
    </Fragment>
  ));
}

/** A link target that is safe to follow: http(s), mailto, or a path on this site. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^https?:\/\/[^\s]+$/i.test(h) || /^mailto:[^\s]+$/i.test(h)) return h;
  if (/^\/(?!\/)[^\s]*$/.test(h)) return h;
  return null;
}

const INLINE =
  /(\*\*([^*]+)\*\*|__([^_]+)__|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*([^*\s][^*]*)\*)/;

/** Inline marks, recursively; unmatched markers stay as text. */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const [whole, , bold, bold2, code, linkText, href, italic] = m;
    if (bold !== undefined || bold2 !== undefined) {
      out.push(<strong key={key++}>{inline(bold ?? bold2!)}</strong>);
    } else if (code !== undefined) {
      out.push(<code key={key++}>{code}</code>);
    } else if (linkText !== undefined) {
      const safe = safeHref(href!);
      out.push(
        safe ? (
          <a key={key++} href={safe} target="_blank" rel="noopener noreferrer">
            {inline(linkText)}
          </a>
        ) : (
          whole
        ),
      );
    } else if (italic !== undefined) {
      out.push(<em key={key++}>{inline(italic)}</em>);
    }
    rest = rest.slice(m.index + whole.length);
  }
  return out;
}
