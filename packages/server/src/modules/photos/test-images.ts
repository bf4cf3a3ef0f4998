import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Test fixtures: images with known metadata, and hostile files. Used by tests only. */

/** A JPEG carrying EXIF with a camera make, GPS coordinates and orientation 6 (rotate 90° cw). */
export function jpegWithGps(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#a06040' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Copyright: 'Photographer' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 3230/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 4366/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Whether an EXIF block contains the GPS IFD pointer (tag 0x8825, either byte order). */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]));
}

export function plainPng(width = 40, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#d0b0a0' } })
    .png()
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A valid-looking PNG of a few hundred bytes that declares `width`×`height` greyscale pixels
 * (default 50 000 × 50 000 = 2.5 gigapixels): a decompression bomb.
 */
export function pngBomb(width = 50_000, height = 50_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * 4); // the first few scanlines of zeros
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A multipart body for `app.inject`. */
export function form(
  fields: Record<string, string | number>,
  image?: { data: Buffer; type?: string; name?: string },
): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, String(v));
  if (image) {
    f.append(
      'image',
      new Blob([new Uint8Array(image.data)], { type: image.type ?? 'image/jpeg' }),
      image.name ?? 'photo.jpg',
    );
  }
  return f;
}

/** A synthetic trichoscopy image (known ground truth) encoded as PNG. */
export async function syntheticTrichoscopyPng(opts: {
  seed: number;
  width?: number;
  height?: number;
  umPerPx?: number;
  densityPerCm2?: number;
  vellusFraction?: number;
}): Promise<{ png: Buffer; truthCount: number; umPerPx: number }> {
  const { generateTrichoscopyImage } = await import('@anagen/core/hair-analysis/synthetic');
  const img = generateTrichoscopyImage({
    width: 400,
    height: 300,
    umPerPx: 10,
    densityPerCm2: 160,
    skinTone: 0.2,
    hairColor: 'dark-brown',
    ...opts,
  });
  const png = await sharp(Buffer.from(img.pixels.buffer, img.pixels.byteOffset, img.pixels.length), {
    raw: { width: img.width, height: img.height, channels: 3 },
  })
    .png()
    .toBuffer();
  return { png, truthCount: img.truth.hairCount, umPerPx: img.umPerPx };
}

/** GPS coordinates hidden in {@link jpegWithTrailers}, each as EXIF rationals or XMP text. */
export const TRAILER_GPS = {
  primary: '51/1 30/1 3230/100',
  second: '48/1 51/1 2417/100',
  xmp: '47.620514',
};

function jpegSegment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/**
 * A phone-style JPEG: the primary image (EXIF with GPS, an XMP packet with GPS, an MPF APP2 index,
 * a maker APP3 holding a whole thumbnail JPEG, so an EOI marker inside a segment) followed after
 * its EOI by a second full JPEG with its own EXIF GPS (the multi-picture "depth" image), an XMP
 * packet with GPS and a fake motion-photo MP4 trailer.
 */
export async function jpegWithTrailers(): Promise<{ file: Buffer; primaryEnd: number }> {
  const exifJpeg = (gps: string) =>
    sharp({ create: { width: 48, height: 32, channels: 3, background: '#8a5a3a' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: gps } })
      .toBuffer();
  const primary = await exifJpeg(TRAILER_GPS.primary);
  const second = await exifJpeg(TRAILER_GPS.second);
  const thumb = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
    .jpeg()
    .toBuffer();
  const xmp = (lat: string) =>
    Buffer.from(
      `<x:xmpmeta><rdf:Description exif:GPSLatitude="${lat}N" exif:GPSLongitude="122.349"/></x:xmpmeta>`,
    );
  const extraSegments = Buffer.concat([
    jpegSegment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0'), xmp(TRAILER_GPS.xmp)])),
    jpegSegment(0xe2, Buffer.concat([Buffer.from('MPF\0II*\0'), Buffer.alloc(40, 1)])),
    jpegSegment(0xe3, Buffer.concat([Buffer.from('MAKER\0'), thumb, xmp(TRAILER_GPS.xmp)])),
  ]);
  const withSegments = Buffer.concat([primary.subarray(0, 2), extraSegments, primary.subarray(2)]);
  const file = Buffer.concat([
    withSegments,
    second,
    Buffer.from('<?xpacket begin?>'),
    xmp(TRAILER_GPS.xmp),
    Buffer.from('\0\0\0\x18ftypmp42motion-photo-video'),
  ]);
  return { file, primaryEnd: withSegments.length };
}

/** `gps` ("d/1 m/1 s/100") as EXIF rationals, in both byte orders. */
export function gpsRationalBytes(gps: string): Buffer[] {
  const nums = gps.split(/[ /]/).map(Number);
  return [false, true].map((le) => {
    const b = Buffer.alloc(nums.length * 4);
    for (const [i, n] of nums.entries()) {
      if (le) b.writeUInt32LE(n, i * 4);
      else b.writeUInt32BE(n, i * 4);
    }
    return b;
  });
}
