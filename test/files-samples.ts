import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';

/**
 * Sample files for the files service's tests, built byte by byte: images carrying metadata
 * (EXIF with GPS, XMP, comments, text chunks), Office files, and hostile zips.
 */

export const GPS_MARK = 'GPSLatitude-39.9042N';

/** A real 16×16 JPEG (jpeg-js), with an EXIF APP1 holding GPS, an XMP APP1 and a comment. */
export function jpegWithGps(): { plain: Buffer; tagged: Buffer } {
  const width = 16;
  const height = 16;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = (i * 7) % 256;
    data[i * 4 + 1] = (i * 3) % 256;
    data[i * 4 + 2] = 200;
    data[i * 4 + 3] = 255;
  }
  const plain = jpeg.encode({ data, width, height }, 90).data;
  const segment = (marker: number, body: Buffer) => {
    const head = Buffer.alloc(4);
    head[0] = 0xff;
    head[1] = marker;
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), gpsTiff()]));
  const xmp = segment(
    0xe1,
    Buffer.from(
      'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>39,54.25N</exif:GPSLatitude></x:xmpmeta>',
      'latin1',
    ),
  );
  const comment = segment(0xfe, Buffer.from('taken at home by Zhang San', 'latin1'));
  const icc = segment(
    0xe2,
    Buffer.concat([Buffer.from('ICC_PROFILE\0\x01\x01', 'latin1'), Buffer.alloc(16)]),
  );
  // SOI, then our segments, then the encoder's own segments (APP0 JFIF, DQT, SOF, DHT, SOS…).
  const tagged = Buffer.concat([plain.subarray(0, 2), exif, xmp, comment, icc, plain.subarray(2)]);
  return { plain, tagged };
}

/** A big-endian TIFF: IFD0 → GPS IFD with latitude ref 'N', latitude 39/1 54/1 15/1. */
function gpsTiff(): Buffer {
  const b = Buffer.alloc(120);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(8, 4);
  // IFD0 at 8: one entry, GPSInfo (0x8825) LONG → 26
  b.writeUInt16BE(1, 8);
  b.writeUInt16BE(0x8825, 10);
  b.writeUInt16BE(4, 12);
  b.writeUInt32BE(1, 14);
  b.writeUInt32BE(26, 18);
  b.writeUInt32BE(0, 22);
  // GPS IFD at 26: LatitudeRef (1) ASCII 'N', Latitude (2) RATIONAL×3 → 60
  b.writeUInt16BE(2, 26);
  b.writeUInt16BE(1, 28);
  b.writeUInt16BE(2, 30);
  b.writeUInt32BE(2, 32);
  b.write('N\0', 36, 'latin1');
  b.writeUInt16BE(2, 40);
  b.writeUInt16BE(5, 42);
  b.writeUInt32BE(3, 44);
  b.writeUInt32BE(60, 48);
  b.writeUInt32BE(0, 52);
  [39, 1, 54, 1, 15, 1].forEach((v, i) => b.writeUInt32BE(v, 60 + i * 4));
  b.write(GPS_MARK, 90, 'latin1');
  return b;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1×1 PNG with tEXt, iTXt, eXIf and tIME chunks. */
export function pngWithText(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.from('Author\0Zhang San', 'latin1')),
    pngChunk('iTXt', Buffer.from('Comment\0\0\0\0\0secret place', 'latin1')),
    pngChunk('eXIf', Buffer.concat([gpsTiff()])),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 27, 8, 0, 0])),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A WebP container with VP8X (EXIF and XMP flags set), an image chunk, EXIF and XMP chunks. */
export function webpWithExif(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08 | 0x04;
  const body = Buffer.concat([
    chunk('VP8X', vp8x),
    chunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0, 0x07])),
    chunk('EXIF', Buffer.concat([gpsTiff()])),
    chunk('XMP ', Buffer.from('<x:xmpmeta>secret place</x:xmpmeta>', 'latin1')),
  ]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** A 1×1 GIF89a with a comment extension and an XMP application extension. */
export function gifWithComment(): Buffer {
  return Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]),
    Buffer.from([0x21, 0xfe, 12]),
    Buffer.from('secret place', 'latin1'),
    Buffer.from([0]),
    Buffer.from([0x21, 0xff, 11]),
    Buffer.from('XMP DataXMP', 'latin1'),
    Buffer.from([12]),
    Buffer.from('secret xmp!!', 'latin1'),
    Buffer.from([0]),
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b]),
  ]);
}

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Claim this uncompressed size in the central directory instead of the real one. */
  declaredSize?: number;
}

/** A zip with deflated entries (what Office writes). */
export function deflatedZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const body = deflateRawSync(data);
    const name = Buffer.from(e.name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.declaredSize ?? data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

function contentTypes(main: string) {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    `<Override PartName="/main" ContentType="${main}"/></Types>`
  );
}

export function docx(extra: ZipEntry[] = []): Buffer {
  return deflatedZip([
    {
      name: '[Content_Types].xml',
      data: contentTypes(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      ),
    },
    { name: '_rels/.rels', data: RELS },
    {
      name: 'word/document.xml',
      data: '<w:document><w:body><w:p>意见</w:p></w:body></w:document>',
    },
    ...extra,
  ]);
}

export function xlsx(): Buffer {
  return deflatedZip([
    {
      name: '[Content_Types].xml',
      data: contentTypes(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      ),
    },
    { name: '_rels/.rels', data: RELS },
    { name: 'xl/workbook.xml', data: '<workbook><sheets/></workbook>' },
  ]);
}

/** A .docx whose document unpacks to 60 MB of zeros from a few dozen kilobytes. */
export function zipBomb(): Buffer {
  return docx([{ name: 'word/media/bomb.bin', data: Buffer.alloc(60 * 1024 * 1024) }]);
}

/** A .docx whose entries declare 1 GB each while holding a few bytes (declared sizes lie). */
export function zipDeclaringHugeSizes(): Buffer {
  return docx(
    Array.from({ length: 5 }, (_, i) => ({
      name: `word/media/big${i}.bin`,
      data: 'x',
      declaredSize: 1024 * 1024 * 1024,
    })),
  );
}

/** The first bytes of a Windows program. */
export const EXE = Buffer.concat([
  Buffer.from('MZ', 'latin1'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from('PE\0\0', 'latin1'),
  Buffer.alloc(200),
]);

/** A phone photo shot sideways: little-endian EXIF with Orientation 6 and GPS. */
export function rotatedJpegWithGps(): Buffer {
  const { plain } = jpegWithGps();
  const t = Buffer.alloc(100);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(2, 8); // IFD0: Orientation, GPSInfo
  t.writeUInt16LE(0x0112, 10);
  t.writeUInt16LE(3, 12);
  t.writeUInt32LE(1, 14);
  t.writeUInt16LE(6, 18);
  t.writeUInt16LE(0x8825, 22);
  t.writeUInt16LE(4, 24);
  t.writeUInt32LE(1, 26);
  t.writeUInt32LE(38, 30);
  t.writeUInt32LE(0, 34);
  t.writeUInt16LE(1, 38); // GPS IFD: LatitudeRef 'N'
  t.writeUInt16LE(1, 40);
  t.writeUInt16LE(2, 42);
  t.writeUInt32LE(2, 44);
  t.write('N\0', 48, 'latin1');
  t.writeUInt32LE(0, 52);
  t.write(GPS_MARK, 60, 'latin1');
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([plain.subarray(0, 2), head, body, plain.subarray(2)]);
}
