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
