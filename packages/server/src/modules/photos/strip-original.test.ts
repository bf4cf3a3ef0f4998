import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripOriginal } from './strip-original';
import { exifHasGps, jpegWithGps } from './test-images';

const GPS_EXIF = {
  IFD0: { Make: 'TestCam' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 3230/100' },
};
const base = () => sharp({ create: { width: 37, height: 23, channels: 3, background: '#7a5030' } });
const pixels = (b: Buffer) => sharp(b).raw().toBuffer();

describe('stripOriginal', () => {
  it('drops EXIF with GPS from a JPEG, keeps its compressed pixels and orientation', async () => {
    const jpeg = await jpegWithGps(40, 30);
    expect(exifHasGps((await sharp(jpeg).metadata()).exif)).toBe(true);
    const { data, mime } = await stripOriginal(jpeg, 'image/jpeg');
    expect(mime).toBe('image/jpeg');
    const meta = await sharp(data).metadata();
    expect(exifHasGps(meta.exif)).toBe(false);
    expect(meta.orientation).toBe(6);
    expect(data.includes(Buffer.from('TestCam'))).toBe(false);
    expect(Buffer.compare(await pixels(data), await pixels(jpeg))).toBe(0);
    // The entropy-coded scan is copied byte for byte.
    const scan = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(Buffer.compare(scan(data), scan(jpeg))).toBe(0);
  });

  it('drops metadata chunks from PNG and WebP, leaving the same pixels', async () => {
    for (const [mime, encoded] of [
      ['image/png', await base().png().withExif(GPS_EXIF).toBuffer()],
      ['image/webp', await base().webp({ lossless: true }).withExif(GPS_EXIF).toBuffer()],
    ] as const) {
      expect((await sharp(encoded).metadata()).exif, mime).toBeDefined();
      const { data } = await stripOriginal(encoded, mime);
      const meta = await sharp(data).metadata();
      expect(meta.exif, mime).toBeUndefined();
      expect(data.includes(Buffer.from('TestCam')), mime).toBe(false);
      expect(Buffer.compare(await pixels(data), await pixels(encoded)), mime).toBe(0);
    }
  });

  it('re-encodes a TIFF losslessly as PNG without its metadata', async () => {
    const tiff = await base().tiff().withExif(GPS_EXIF).toBuffer();
    const { data, mime } = await stripOriginal(tiff, 'image/tiff');
    expect(mime).toBe('image/png');
    expect((await sharp(data).metadata()).exif).toBeUndefined();
    expect(Buffer.compare(await pixels(data), await pixels(tiff))).toBe(0);
  });

  it('keeps a JPEG without EXIF as it is', async () => {
    const plain = await base().jpeg().toBuffer();
    const { data } = await stripOriginal(plain, 'image/jpeg');
    expect(Buffer.compare(data, plain)).toBe(0);
  });
});
