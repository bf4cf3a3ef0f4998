import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImageForAnalysis, ImageInputError, sniffImageType } from './decode-image';

const rgb = (w: number, h: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 150, b: 120 } } });

async function rejects(p: Promise<unknown>, code: ImageInputError['code']) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImageInputError);
  expect((err as ImageInputError).code).toBe(code);
}

describe('decodeImageForAnalysis', () => {
  it.each(['png', 'jpeg', 'webp', 'tiff'] as const)('decodes %s to 8-bit RGB', async (format) => {
    const buf = await rgb(40, 30).toFormat(format).toBuffer();
    expect(sniffImageType(buf)).toBe(format);
    const img = await decodeImageForAnalysis(buf);
    expect([img.width, img.height, img.channels, img.pixels.length]).toEqual([40, 30, 3, 40 * 30 * 3]);
    expect(Math.abs(img.pixels[0]! - 200)).toBeLessThan(6);
  });

  it('drops alpha and widens greyscale to three channels', async () => {
    const rgba = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#ff000080' } })
      .png()
      .toBuffer();
    expect((await decodeImageForAnalysis(rgba)).pixels.length).toBe(8 * 8 * 3);
    const grey = await rgb(8, 8).greyscale().png().toBuffer();
    expect((await decodeImageForAnalysis(grey)).channels).toBe(3);
  });

  it('rejects by content, not name: GIF, text and empty input', async () => {
    await rejects(decodeImageForAnalysis(await rgb(8, 8).gif().toBuffer()), 'UNSUPPORTED_TYPE');
    await rejects(decodeImageForAnalysis(Buffer.from('hello, I am a .png')), 'UNSUPPORTED_TYPE');
    await rejects(decodeImageForAnalysis(Buffer.alloc(0)), 'UNSUPPORTED_TYPE');
  });

  it('rejects oversized files and too many pixels before decoding', async () => {
    const png = await rgb(100, 100).png().toBuffer();
    await rejects(decodeImageForAnalysis(png, { maxBytes: 50 }), 'TOO_LARGE');
    await rejects(decodeImageForAnalysis(png, { maxPixels: 5000 }), 'TOO_MANY_PIXELS');
  });

  it('rejects a decompression bomb by its header dimensions', async () => {
    // A small PNG whose header claims 30000×30000 px (900 megapixels), CRC fixed up.
    const png = Buffer.from(await rgb(16, 16).png().toBuffer());
    png.writeUInt32BE(30000, 16);
    png.writeUInt32BE(30000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    await rejects(decodeImageForAnalysis(png), 'TOO_MANY_PIXELS');
  });

  it('rejects truncated and corrupted data', async () => {
    const png = await rgb(200, 200).png().toBuffer();
    await rejects(decodeImageForAnalysis(png.subarray(0, png.length - 40)), 'CORRUPT_IMAGE');
    const jpeg = await rgb(200, 200).jpeg().toBuffer();
    const garbage = Buffer.concat([jpeg.subarray(0, 4), Buffer.alloc(500, 0x41)]);
    await rejects(decodeImageForAnalysis(garbage), 'CORRUPT_IMAGE');
  });
});
