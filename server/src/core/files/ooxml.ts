import { inflateRawSync } from 'node:zlib';

/**
 * Tell a Word or Excel file (OOXML: a zip) from any other zip by its entries, and refuse a zip
 * built to hurt whoever unpacks it: too many entries, too much declared content, an absurd
 * compression ratio, entries that overlap, encryption, ZIP64, or macros. Pure: reads the
 * central directory only, and inflates nothing but [Content_Types].xml (capped).
 */
export type ZipVerdict =
  { ok: true; kind: 'docx' | 'xlsx' } | { ok: false; reason: 'not-ooxml' | 'unsafe' | 'damaged' };

export interface ZipLimits {
  maxEntries: number;
  maxUnzippedBytes: number;
  /** Largest uncompressed/compressed ratio of one sizeable entry, and of the whole. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
};

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
  end: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_FLOOR = 1024 * 1024; // small entries may compress well without being a bomb

export function inspectOoxml(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipVerdict {
  const entries = readEntries(buf, limits);
  if (!Array.isArray(entries)) return entries;

  let total = 0;
  let totalCompressed = 0;
  for (const e of entries) {
    total += e.size;
    totalCompressed += e.compressed;
    if (e.size > RATIO_FLOOR && e.size / Math.max(e.compressed, 1) > limits.maxRatio) {
      return { ok: false, reason: 'unsafe' };
    }
  }
  if (total > limits.maxUnzippedBytes) return { ok: false, reason: 'unsafe' };
  if (total > RATIO_FLOOR && total / Math.max(totalCompressed, 1) > limits.maxRatio) {
    return { ok: false, reason: 'unsafe' };
  }
  // Local records must not overlap (the "overlapping files" bomb reuses one compressed body).
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.offset < sorted[i - 1]!.end) return { ok: false, reason: 'unsafe' };
  }

  const names = new Set(entries.map((e) => e.name));
  if (names.size !== entries.length) return { ok: false, reason: 'unsafe' };
  if (entries.some((e) => /vbaproject\.bin$/i.test(e.name))) return { ok: false, reason: 'unsafe' };
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  if (!types) return { ok: false, reason: 'not-ooxml' };
  const isWord = names.has('word/document.xml');
  const isExcel = names.has('xl/workbook.xml');
  if (isWord === isExcel) return { ok: false, reason: 'not-ooxml' };

  const xml = entryText(buf, types);
  if (xml === null) return { ok: false, reason: 'damaged' };
  if (/macroEnabled/i.test(xml)) return { ok: false, reason: 'unsafe' };
  if (isWord && xml.includes('wordprocessingml.document.main+xml'))
    return { ok: true, kind: 'docx' };
  if (isExcel && xml.includes('spreadsheetml.sheet.main+xml')) return { ok: true, kind: 'xlsx' };
  return { ok: false, reason: 'not-ooxml' };
}

function readEntries(buf: Buffer, limits: ZipLimits): Entry[] | ZipVerdict {
  const eocd = findEocd(buf);
  if (eocd < 0) return { ok: false, reason: 'damaged' };
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    return { ok: false, reason: 'unsafe' }; // ZIP64: never needed by an Office file this small
  }
  if (count > limits.maxEntries) return { ok: false, reason: 'unsafe' };
  if (cdOffset + cdSize > eocd) return { ok: false, reason: 'damaged' };

  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) return { ok: false, reason: 'damaged' };
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > eocd) return { ok: false, reason: 'damaged' };
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    if (flags & 0x1) return { ok: false, reason: 'unsafe' }; // encrypted
    if (compressed === 0xffffffff || size === 0xffffffff) return { ok: false, reason: 'unsafe' };
    if (method !== 0 && method !== 8) return { ok: false, reason: 'unsafe' };
    if (method === 0 && compressed !== size) return { ok: false, reason: 'unsafe' };
    if (offset + 30 > cdOffset || buf.readUInt32LE(offset) !== LOCAL) {
      return { ok: false, reason: 'damaged' };
    }
    const localName = buf.readUInt16LE(offset + 26);
    const localExtra = buf.readUInt16LE(offset + 28);
    const end = offset + 30 + localName + localExtra + compressed;
    if (end > cdOffset) return { ok: false, reason: 'damaged' };
    entries.push({ name, method, compressed, size, offset, end });
  }
  return entries;
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

function entryText(buf: Buffer, e: Entry): string | null {
  if (e.size > 1024 * 1024) return null;
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const body = buf.subarray(start, start + e.compressed);
  try {
    const data = e.method === 0 ? body : inflateRawSync(body, { maxOutputLength: 1024 * 1024 });
    return data.toString('utf8');
  } catch {
    return null;
  }
}
