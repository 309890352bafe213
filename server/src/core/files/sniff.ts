import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.js';
import { inspectOoxml, DEFAULT_ZIP_LIMITS } from './ooxml.js';
import { extensionOf } from './names.js';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every type accepted, with the extensions a file of that type may carry (first: canonical). */
export const ALLOWED: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  [DOCX]: ['docx'],
  [XLSX]: ['xlsx'],
  'text/plain': ['txt', 'text', 'csv', 'tsv', 'md', 'log'],
};

/** Shown inline by the browser (images and PDF); everything else downloads. */
export const PREVIEWABLE = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
]);

const ZIPS = new Set(['zip', 'docx', 'xlsx', 'pptx', 'epub', 'jar', 'odt', 'ods', 'odp']);

/**
 * The type of an upload, decided by its bytes; the name's extension must agree with it (an
 * HTML page or a program named .png is refused). Throws 415 FILE_TYPE_NOT_ALLOWED,
 * FILE_ARCHIVE_UNSAFE for hostile zips, FILE_DAMAGED for broken ones.
 */
export async function detectType(
  buf: Buffer,
  name: string,
  maxUnzippedBytes = DEFAULT_ZIP_LIMITS.maxUnzippedBytes,
): Promise<{ mime: string; extension: string }> {
  // file-type throws on some truncated headers (End-Of-Stream): that is "not recognised".
  const found = await fileTypeFromBuffer(buf).catch(() => undefined);
  let mime: string;
  if (!found) {
    if (!isPlainText(buf)) throw new AppError('FILE_TYPE_NOT_ALLOWED', undefined, 415);
    mime = 'text/plain';
  } else if (ZIPS.has(found.ext)) {
    const verdict = inspectOoxml(buf, { ...DEFAULT_ZIP_LIMITS, maxUnzippedBytes });
    if (!verdict.ok) {
      if (verdict.reason === 'unsafe') throw new AppError('FILE_ARCHIVE_UNSAFE', undefined, 415);
      if (verdict.reason === 'damaged') throw new AppError('FILE_DAMAGED', undefined, 415);
      throw new AppError('FILE_TYPE_NOT_ALLOWED', undefined, 415);
    }
    mime = verdict.kind === 'docx' ? DOCX : XLSX;
  } else if (found.mime in ALLOWED) {
    mime = found.mime;
  } else {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', undefined, 415);
  }
  const extensions = ALLOWED[mime]!;
  const ext = extensionOf(name);
  if (ext && !extensions.includes(ext)) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', undefined, 415);
  }
  return { mime, extension: extensions[0]! };
}

/** Valid UTF-8 without NUL characters. */
export function isPlainText(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}
