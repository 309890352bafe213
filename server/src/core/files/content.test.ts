import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import {
  docx,
  EXE,
  gifWithComment,
  GPS_MARK,
  jpegWithGps,
  PDF,
  pngWithText,
  rotatedJpegWithGps,
  webpWithExif,
  xlsx,
  zipBomb,
  zipDeclaringHugeSizes,
  deflatedZip,
} from '../../../../test/files-samples.js';
import { zipSync } from '../../../../test/zip.js';
import { AppError } from '../errors.js';
import { contentDisposition, sanitizeName } from './names.js';
import { inspectOoxml } from './ooxml.js';
import { DOCX, XLSX, detectType } from './sniff.js';
import {
  exifOrientation,
  stripGif,
  stripImageMetadata,
  stripJpeg,
  stripPng,
  stripWebp,
} from './strip.js';

/** The JPEG markers in order, walking segments up to the first scan. */
function jpegMarkers(buf: Buffer): number[] {
  const out: number[] = [];
  let i = 2;
  while (i < buf.length && buf[i] === 0xff) {
    const m = buf[i + 1]!;
    out.push(m);
    if (m === 0xda) break;
    i += 2 + buf.readUInt16BE(i + 2);
  }
  return out;
}

describe('image metadata stripping', () => {
  it('removes EXIF with GPS, XMP and comments from a JPEG, which still decodes the same', () => {
    const { plain, tagged } = jpegWithGps();
    expect(tagged.includes('Exif')).toBe(true);
    expect(tagged.includes(GPS_MARK)).toBe(true);
    const stripped = stripJpeg(tagged)!;
    expect(stripped).not.toBeNull();
    for (const secret of ['Exif', GPS_MARK, 'ns.adobe.com/xap', 'Zhang San', 'GPSLatitude']) {
      expect(stripped.includes(secret), secret).toBe(false);
    }
    // SOI … SOF … SOS … EOI intact, the ICC profile kept.
    expect(stripped.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(stripped.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    const markers = jpegMarkers(stripped);
    expect(markers).toContain(0xc0);
    expect(markers.at(-1)).toBe(0xda);
    expect(markers).not.toContain(0xe1);
    expect(markers).not.toContain(0xfe);
    expect(stripped.includes('ICC_PROFILE')).toBe(true);
    // Same pixels as the image before metadata was added.
    const a = jpeg.decode(plain, { useTArray: true });
    const b = jpeg.decode(stripped, { useTArray: true });
    expect(b.width).toBe(16);
    expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
  });

  it('keeps only the orientation of a sideways photo, in a new minimal EXIF block', () => {
    const rotated = rotatedJpegWithGps();
    expect(rotated.includes(GPS_MARK)).toBe(true);
    const stripped = stripJpeg(rotated)!;
    expect(stripped.includes(GPS_MARK)).toBe(false);
    const at = stripped.indexOf('Exif\0\0');
    expect(at).toBeGreaterThan(0);
    const app1 = stripped.subarray(at - 4, at - 2 + stripped.readUInt16BE(at - 2));
    expect(app1.length).toBe(36);
    expect(exifOrientation(app1.subarray(10))).toBe(6);
    expect(jpeg.decode(stripped, { useTArray: true }).width).toBe(16);
  });

  it('drops bytes after the end of a JPEG (no polyglot rides along)', () => {
    const { plain } = jpegWithGps();
    const withTail = Buffer.concat([plain, zipSync({ 'a.txt': 'hidden' })]);
    const stripped = stripJpeg(withTail)!;
    expect(stripped.includes('hidden')).toBe(false);
    expect(stripped.length).toBeLessThanOrEqual(plain.length);
  });

  it('refuses a truncated JPEG', () => {
    const { plain } = jpegWithGps();
    expect(stripJpeg(plain.subarray(0, 40))).toBeNull();
    expect(stripImageMetadata('image/jpeg', Buffer.from([0xff, 0xd8, 0xff]))).toBeNull();
  });

  it('removes text, EXIF and time chunks from a PNG', () => {
    const png = pngWithText();
    const stripped = stripPng(png)!;
    for (const t of ['tEXt', 'iTXt', 'eXIf', 'tIME', 'Zhang San', 'secret', GPS_MARK]) {
      expect(stripped.includes(t), t).toBe(false);
    }
    for (const t of ['IHDR', 'IDAT', 'IEND']) expect(stripped.includes(t), t).toBe(true);
  });

  it('removes EXIF and XMP chunks from a WebP and clears their flags', () => {
    const stripped = stripWebp(webpWithExif())!;
    expect(stripped.includes('EXIF')).toBe(false);
    expect(stripped.includes('XMP ')).toBe(false);
    expect(stripped.includes(GPS_MARK)).toBe(false);
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    expect(stripped[20]! & 0x0c).toBe(0);
    expect(stripped.includes('VP8L')).toBe(true);
  });

  it('removes comments and XMP from a GIF', () => {
    const gif = gifWithComment();
    const stripped = stripGif(gif)!;
    expect(stripped.includes('secret')).toBe(false);
    expect(stripped.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(stripped.at(-1)).toBe(0x3b);
    expect(stripped.length).toBe(gif.length - 16 - 28); // the two extensions, whole
  });
});

describe('type detection by content', () => {
  const refused = async (buf: Buffer, name: string) => {
    try {
      await detectType(buf, name);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).code;
    }
    return 'accepted';
  };

  it('accepts each allowed type under a matching name', async () => {
    expect((await detectType(jpegWithGps().plain, '照片.JPG')).mime).toBe('image/jpeg');
    expect((await detectType(pngWithText(), 'a.png')).mime).toBe('image/png');
    expect((await detectType(gifWithComment(), 'a.gif')).mime).toBe('image/gif');
    expect((await detectType(webpWithExif(), 'a.webp')).mime).toBe('image/webp');
    expect((await detectType(PDF, '报告.pdf')).mime).toBe('application/pdf');
    expect((await detectType(docx(), '意见.docx')).mime).toBe(DOCX);
    expect((await detectType(xlsx(), '名单.xlsx')).mime).toBe(XLSX);
    expect((await detectType(Buffer.from('普通文本\n第二行'), '说明.txt')).mime).toBe('text/plain');
    expect(await detectType(Buffer.from('a,b\n1,2\n'), 'no-extension')).toEqual({
      mime: 'text/plain',
      extension: 'txt',
    });
  });

  it('refuses files that lie about their type', async () => {
    expect(await refused(EXE, 'photo.png')).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await refused(EXE, 'setup.exe')).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await refused(Buffer.from('<html><script>alert(1)</script></html>'), 'x.png')).toBe(
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect(await refused(Buffer.from('<html></html>'), 'page.html')).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await refused(Buffer.from('<svg onload="alert(1)"/>'), 'x.svg')).toBe(
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect(await refused(zipSync({ 'a.txt': 'hello' }), '文件.docx')).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await refused(docx(), 'a.xlsx')).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await refused(PDF, 'a.jpg')).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await refused(Buffer.from([0xc3, 0x28, 0x41]), 'a.txt')).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await refused(Buffer.from('ab\0cd'), 'a.txt')).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses zip bombs, lying sizes, overlapping entries and macros', async () => {
    expect(await refused(zipBomb(), 'bomb.docx')).toBe('FILE_ARCHIVE_UNSAFE');
    expect(await refused(zipDeclaringHugeSizes(), 'big.docx')).toBe('FILE_ARCHIVE_UNSAFE');
    expect(await refused(zipSync({ 'a.txt': 'x' }, { declaredSize: 2 ** 31 }), 'a.docx')).toBe(
      'FILE_ARCHIVE_UNSAFE',
    );
    expect(
      await refused(docx([{ name: 'word/vbaProject.bin', data: 'Sub AutoOpen()' }]), 'm.docx'),
    ).toBe('FILE_ARCHIVE_UNSAFE');
    const many = deflatedZip(
      Array.from({ length: 5001 }, (_, i) => ({ name: `word/f${i}.xml`, data: '' })),
    );
    expect(inspectOoxml(many)).toEqual({ ok: false, reason: 'unsafe' });
    // Two central entries pointing at one local record.
    const one = docx();
    const overlapping = overlap(one);
    expect(inspectOoxml(overlapping)).toEqual({ ok: false, reason: 'unsafe' });
    expect(inspectOoxml(one.subarray(0, one.length - 30))).toEqual({
      ok: false,
      reason: 'damaged',
    });
  });
});

/** Point the second central-directory entry at the first entry's local header. */
function overlap(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  const eocd = copy.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = copy.readUInt32LE(eocd + 16);
  p += 46 + copy.readUInt16LE(p + 28) + copy.readUInt16LE(p + 30) + copy.readUInt16LE(p + 32);
  copy.writeUInt32LE(0, p + 42);
  return copy;
}

describe('names', () => {
  it('keeps the file name only, without control or direction characters', () => {
    expect(sanitizeName('C:\\Users\\张三\\Desktop\\报告.pdf')).toBe('报告.pdf');
    expect(sanitizeName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeName('a\r\nb.txt')).toBe('ab.txt');
    expect(sanitizeName('...')).toBe('file');
    expect(sanitizeName(`${'长'.repeat(300)}.docx`)).toHaveLength(200);
    expect(sanitizeName(`${'长'.repeat(300)}.docx`).endsWith('.docx')).toBe(true);
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('inline', '报告 "1".pdf')).toBe(
      `inline; filename="__ _1_.pdf"; filename*=UTF-8''${encodeURIComponent('报告 "1".pdf')}`,
    );
  });
});

describe('mutated and arbitrary bytes never crash the checks (property)', () => {
  const samples = [
    jpegWithGps().tagged,
    pngWithText(),
    webpWithExif(),
    gifWithComment(),
    PDF,
    docx(),
    xlsx(),
  ];
  const names = ['a.jpg', 'a.png', 'a.webp', 'a.gif', 'a.pdf', 'a.docx', 'a.xlsx', 'a.txt', 'a'];

  /** Either accepted with an allowed type and strippable, or refused with a stable code. */
  async function check(buf: Buffer, name: string) {
    try {
      const { mime } = await detectType(buf, name);
      const stripped = stripImageMetadata(mime, buf);
      if (stripped) expect(stripped.length).toBeLessThanOrEqual(buf.length + 12);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
    }
  }

  it('handles samples with bytes changed, cut or appended', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: samples.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat()),
        fc.constantFrom(...names),
        async (which, edits, cut, name) => {
          const buf = Buffer.from(samples[which]!);
          for (const [at, value] of edits) buf[at % buf.length] = value;
          const bytes = cut === null ? buf : buf.subarray(0, cut % (buf.length + 1));
          await check(bytes, name);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('handles arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...names), (a, n) =>
        check(Buffer.from(a), n),
      ),
      { numRuns: 300 },
    );
  });
});
