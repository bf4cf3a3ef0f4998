import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripOriginal } from './strip-original';
import { exifHasGps, gpsRationalBytes, jpegWithGps, jpegWithTrailers, TRAILER_GPS } from './test-images';

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

describe('stripOriginal on files with data after the image', () => {
  it('cuts a multi-picture JPEG at the primary image’s end and drops XMP, MPF and maker segments', async () => {
    const { file, primaryEnd } = await jpegWithTrailers();
    const { data } = await stripOriginal(file, 'image/jpeg');
    expect(data.length).toBeLessThan(primaryEnd);
    for (const gps of [TRAILER_GPS.primary, TRAILER_GPS.second]) {
      const forms = gpsRationalBytes(gps);
      expect(forms.some((b) => file.includes(b))).toBe(true); // the fixture really carries it
      expect(forms.some((b) => data.includes(b))).toBe(false);
    }
    for (const text of [TRAILER_GPS.xmp, 'GPSLatitude', 'MPF', 'MAKER', 'ftyp', 'TestCam']) {
      expect(data.includes(Buffer.from(text)), text).toBe(false);
    }
    // The maker segment holds a whole JPEG: its EOI must not end the walk.
    expect(Buffer.compare(await pixels(data), await pixels(file))).toBe(0);
    expect(data.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('keeps the ICC colour profile, re-embedded, and nothing else from APP2', async () => {
    const p3 = await base().jpeg().withIccProfile('p3').toBuffer();
    const icc = (await sharp(p3).metadata()).icc!;
    expect(icc.length).toBeGreaterThan(132);
    const { data } = await stripOriginal(p3, 'image/jpeg');
    expect(Buffer.compare((await sharp(data).metadata()).icc!, icc)).toBe(0);
  });

  it('drops what follows a PNG’s IEND and a WebP’s RIFF chunk, and chunks it does not know', async () => {
    const trailer = Buffer.from(`<x:xmpmeta exif:GPSLatitude="${TRAILER_GPS.xmp}"/>`);
    const png = await base().png().toBuffer();
    const privateChunk = Buffer.from('\0\0\0\x04gpSs1234\0\0\0\0', 'latin1');
    const pngIn = Buffer.concat([png.subarray(0, 33), privateChunk, png.subarray(33), trailer]);
    const webp = await base().webp({ lossless: true }).toBuffer();
    for (const [mime, input] of [
      ['image/png', pngIn],
      ['image/webp', Buffer.concat([webp, trailer])],
    ] as const) {
      const { data } = await stripOriginal(input, mime);
      expect(data.includes(Buffer.from(TRAILER_GPS.xmp)), mime).toBe(false);
      expect(data.includes(Buffer.from('gpSs')), mime).toBe(false);
      expect(Buffer.compare(await pixels(data), await pixels(input)), mime).toBe(0);
    }
  });
});
