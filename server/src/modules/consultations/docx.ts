import { inflateRawSync } from 'node:zlib';
import { inspectOoxml } from '../../core/files/ooxml.js';

/**
 * The text of a Word (.docx) file: one line per paragraph of word/document.xml, runs joined,
 * tabs and line breaks kept, no formatting. Pure. The zip is first checked by the files
 * service's own inspection (no bombs, no macros, really a Word document); null when the bytes
 * are not a readable .docx. Word's automatic numbering (a list style that draws "第一条") is not
 * text in the file and is not recovered: drafts with typed numbers split as expected.
 */
export const MAX_DOCUMENT_XML = 20 * 1024 * 1024;

export function docxText(buf: Buffer): string | null {
  const verdict = inspectOoxml(buf);
  if (!verdict.ok || verdict.kind !== 'docx') return null;
  const xml = entry(buf, 'word/document.xml');
  if (xml === null) return null;
  return documentText(xml);
}

/** Paragraph texts of a WordprocessingML body. */
export function documentText(xml: string): string {
  const body = /<w:body\b[^>]*>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? xml;
  const paragraphs: string[] = [];
  for (const p of body.match(/<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g) ?? []) {
    let text = '';
    const tokens = p.matchAll(/<w:t\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:t>)|<w:(tab|br|cr)\b[^>]*\/>/g);
    for (const m of tokens) {
      if (m[2] === 'tab') text += '\t';
      else if (m[2]) text += '\n';
      else text += decode(m[1] ?? '');
    }
    paragraphs.push(text);
  }
  return paragraphs.join('\n');
}

function decode(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_m, dec, hex, name) => {
    if (dec) return safeChar(Number(dec));
    if (hex) return safeChar(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[String(name).toLowerCase()] ?? '';
  });
}

function safeChar(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** One entry's bytes as UTF-8, through the central directory (already checked by inspectOoxml). */
function entry(buf: Buffer, name: string): string | null {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const entryName = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (entryName !== name) continue;
    if (size > MAX_DOCUMENT_XML) return null;
    const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    const data = buf.subarray(start, start + compressed);
    try {
      const out = method === 0 ? data : inflateRawSync(data, { maxOutputLength: MAX_DOCUMENT_XML });
      return out.toString('utf8');
    } catch {
      return null;
    }
  }
  return null;
}
