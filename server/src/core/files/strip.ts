/**
 * Remove metadata (EXIF with GPS, XMP, comments, text chunks) from images before they are
 * stored, keeping what decoding needs (ICC colour profiles, Adobe colour transform). Pure and
 * structural: no decoding, the pixels are copied byte for byte. Anything after the image's end
 * (an appended archive, say) is dropped too. Returns null when the image does not parse.
 */
export function stripImageMetadata(mime: string, buf: Buffer): Buffer | null {
  try {
    if (mime === 'image/jpeg') return stripJpeg(buf);
    if (mime === 'image/png') return stripPng(buf);
    if (mime === 'image/webp') return stripWebp(buf);
    if (mime === 'image/gif') return stripGif(buf);
    return buf;
  } catch {
    return null; // a read past the end: truncated or malformed
  }
}

const ascii = (buf: Buffer, at: number, text: string) =>
  buf.toString('latin1', at, at + text.length) === text;

/**
 * JPEG: drop APP1..APP15 (EXIF, XMP, IPTC…) and COM; keep APP2 ICC_PROFILE and APP14 Adobe.
 * A photo's EXIF Orientation, when not upright, is kept alone in a new minimal EXIF block.
 */
export function stripJpeg(buf: Buffer): Buffer | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  const out: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  let sawScan = false;
  while (i < buf.length) {
    if (buf[i] !== 0xff) {
      if (!sawScan) return null;
      // Entropy-coded data: copy up to the next real marker.
      let j = i;
      while (j < buf.length && !(buf[j] === 0xff && isSegmentMarker(buf[j + 1]))) j++;
      out.push(buf.subarray(i, j));
      i = j;
      continue;
    }
    const marker = buf[i + 1];
    if (marker === undefined) return null;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      out.push(buf.subarray(i, i + 2));
      return sawScan ? Buffer.concat(out) : null;
    }
    if (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      if (!sawScan) return null;
      out.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > buf.length) return null;
    const end = i + 2 + len;
    const isApp = marker >= 0xe1 && marker <= 0xef;
    const keep =
      (!isApp && marker !== 0xfe) ||
      (marker === 0xe2 && ascii(buf, i + 4, 'ICC_PROFILE\0')) ||
      (marker === 0xee && ascii(buf, i + 4, 'Adobe'));
    if (keep) out.push(buf.subarray(i, end));
    else if (marker === 0xe1 && ascii(buf, i + 4, 'Exif\0\0')) {
      // Keep the one tag a photo needs to show upright; everything else (GPS…) goes.
      const orientation = exifOrientation(buf.subarray(i + 10, end));
      if (orientation > 1 && orientation <= 8) out.push(orientationExif(orientation));
    }
    if (marker === 0xda) sawScan = true;
    i = end;
  }
  return null; // no EOI
}

/** The Orientation tag (0x0112) of a TIFF block's first IFD; 0 when absent or unreadable. */
export function exifOrientation(tiff: Buffer): number {
  if (tiff.length < 8) return 0;
  const le = ascii(tiff, 0, 'II');
  if (!le && !ascii(tiff, 0, 'MM')) return 0;
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 0;
  const count = u16(ifd);
  for (let k = 0; k < count; k++) {
    const at = ifd + 2 + k * 12;
    if (at + 12 > tiff.length) return 0;
    if (u16(at) === 0x0112 && u16(at + 2) === 3) return u16(at + 8);
  }
  return 0;
}

/** An APP1 segment holding an EXIF block with the Orientation tag only. */
function orientationExif(orientation: number): Buffer {
  const seg = Buffer.alloc(4 + 6 + 26);
  seg[0] = 0xff;
  seg[1] = 0xe1;
  seg.writeUInt16BE(seg.length - 2, 2);
  seg.write('Exif\0\0', 4, 'latin1');
  const t = 10;
  seg.write('MM', t, 'latin1');
  seg.writeUInt16BE(42, t + 2);
  seg.writeUInt32BE(8, t + 4);
  seg.writeUInt16BE(1, t + 8); // one entry
  seg.writeUInt16BE(0x0112, t + 10);
  seg.writeUInt16BE(3, t + 12); // SHORT
  seg.writeUInt32BE(1, t + 14);
  seg.writeUInt16BE(orientation, t + 18);
  seg.writeUInt32BE(0, t + 22); // no next IFD
  return seg;
}

function isSegmentMarker(b: number | undefined): boolean {
  return b !== undefined && b !== 0x00 && b !== 0xff && !(b >= 0xd0 && b <= 0xd7);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

/** PNG: drop text chunks, EXIF and the modification time. */
export function stripPng(buf: Buffer): Buffer | null {
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  let first = true;
  while (i + 12 <= buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (end > buf.length) return null;
    if (first && type !== 'IHDR') return null;
    first = false;
    if (!PNG_DROP.has(type)) out.push(buf.subarray(i, end));
    if (type === 'IEND') return Buffer.concat(out);
    i = end;
  }
  return null;
}

/** WebP: drop the EXIF and XMP chunks and clear their flags in VP8X. */
export function stripWebp(buf: Buffer): Buffer | null {
  if (buf.length < 20 || !ascii(buf, 0, 'RIFF') || !ascii(buf, 8, 'WEBP')) return null;
  const riffEnd = 8 + buf.readUInt32LE(4);
  if (riffEnd > buf.length) return null;
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = buf.toString('latin1', i, i + 4);
    const size = buf.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) return null;
    if (type === 'VP8X') {
      const chunk = Buffer.from(buf.subarray(i, Math.min(end, riffEnd)));
      chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
      chunks.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      chunks.push(buf.subarray(i, Math.min(end, riffEnd)));
    }
    i = end;
  }
  if (chunks.length === 0) return null;
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** GIF: drop comment extensions and application extensions other than animation looping. */
export function stripGif(buf: Buffer): Buffer | null {
  if (!ascii(buf, 0, 'GIF87a') && !ascii(buf, 0, 'GIF89a')) return null;
  const out: Buffer[] = [];
  let i = 13;
  const packed = buf[10]!;
  if (packed & 0x80) i += 3 * 2 ** ((packed & 7) + 1);
  if (i > buf.length) return null;
  out.push(buf.subarray(0, i));
  const subBlocks = (from: number) => {
    let j = from;
    for (;;) {
      const n = buf[j];
      if (n === undefined) throw new RangeError('truncated');
      j += 1 + n;
      if (n === 0) return j;
    }
  };
  while (i < buf.length) {
    const b = buf[i];
    if (b === 0x3b) {
      out.push(buf.subarray(i, i + 1));
      return Buffer.concat(out);
    }
    if (b === 0x21) {
      const label = buf[i + 1];
      const end = subBlocks(i + 2);
      const app = label === 0xff ? buf.toString('latin1', i + 3, i + 14) : '';
      const drop =
        label === 0xfe || (label === 0xff && app !== 'NETSCAPE2.0' && app !== 'ANIMEXTS1.0');
      if (!drop) out.push(buf.subarray(i, end));
      i = end;
    } else if (b === 0x2c) {
      let j = i + 10;
      const p = buf[i + 9]!;
      if (p & 0x80) j += 3 * 2 ** ((p & 7) + 1);
      const end = subBlocks(j + 1);
      out.push(buf.subarray(i, end));
      i = end;
    } else {
      return null;
    }
  }
  return null;
}
