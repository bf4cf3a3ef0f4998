import sharp from 'sharp';

/**
 * The upload as kept for audit: its primary image's data untouched, everything else removed —
 * metadata blocks (EXIF with GPS, XMP, IPTC, text comments, maker segments) and whatever a camera
 * appends after the image (the second image of a multi-picture JPEG with its own EXIF and GPS, a
 * motion photo's video, maker trailers). A patient's phone photo carries where it was taken, usually
 * their home; nobody at the clinic needs that, so it is not stored at all, not even in the original.
 *
 * JPEG, PNG and WebP are edited at the container level, keeping only the segments needed to show
 * the primary image as taken (an allow-list: anything unknown goes), so the compressed pixels stay
 * byte for byte what the camera wrote. A JPEG keeps its orientation in a minimal EXIF block of its
 * own and its ICC colour profile re-embedded from the decoded profile (never the original APP2
 * segments, which also carry MPF). TIFF keeps metadata inside its image directories, so it is
 * re-encoded losslessly as PNG instead. Throws on a malformed container (the caller has already
 * decoded the image, so that does not happen for accepted uploads).
 */
export async function stripOriginal(buf: Buffer, mime: string): Promise<{ data: Buffer; mime: string }> {
  switch (mime) {
    case 'image/jpeg': {
      const { orientation, icc } = await sharp(buf).metadata();
      const extra = [
        ...(orientation && orientation !== 1 ? [orientationApp1(orientation)] : []),
        ...iccApp2Segments(icc),
      ];
      return { data: stripJpeg(buf, extra), mime };
    }
    case 'image/png':
      return { data: stripPng(buf), mime };
    case 'image/webp':
      return { data: stripWebp(buf), mime };
    default:
      return { data: await sharp(buf).png().toBuffer(), mime: 'image/png' };
  }
}

// Markers with a length that describe the primary image: SOF0–15 (with DHT C4, JPG C8, DAC CC),
// DQT, DNL, DRI, DHP, EXP. Everything else with a length (APP0–15, COM, JPGn F0–FD) is metadata
// or an extension no decoder needs, except the two checked by content below.
const isStructural = (m: number) => (m >= 0xc0 && m <= 0xcf) || (m >= 0xdb && m <= 0xdf);
const startsWith = (seg: Buffer, id: string) => seg.toString('latin1', 4, 4 + id.length) === id;

/**
 * Copies SOI, the structural segments and the scans up to the primary image's EOI, and nothing
 * after it. Scans are walked byte by byte: inside entropy-coded data 0xFF is always followed by a
 * stuffed 0x00 or a restart marker, so the first other marker ends the scan. Only the top level is
 * walked, so an EOI inside an embedded thumbnail (APP1) or a later image never ends it early.
 */
function stripJpeg(buf: Buffer, extra: Buffer[]): Buffer {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) throw new Error('not a JPEG');
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let extraPlaced = false;
  const placeExtra = () => {
    if (!extraPlaced) parts.push(...extra);
    extraPlaced = true;
  };
  let p = 2;
  for (;;) {
    if (p + 1 >= buf.length || buf[p] !== 0xff) throw new Error('malformed JPEG segment');
    const marker = buf[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      placeExtra();
      parts.push(buf.subarray(p, p + 2));
      return Buffer.concat(parts);
    }
    if (p + 4 > buf.length) throw new Error('malformed JPEG segment');
    const length = buf.readUInt16BE(p + 2);
    const end = p + 2 + length;
    if (length < 2 || end > buf.length) throw new Error('malformed JPEG segment');
    const segment = buf.subarray(p, end);
    // JFIF (APP0) says how to read the colour components, Adobe (APP14) the colour transform; a
    // JFXX APP0 is a thumbnail and goes with the rest.
    const keepApp =
      (marker === 0xe0 && startsWith(segment, 'JFIF\0')) || (marker === 0xee && startsWith(segment, 'Adobe'));
    if (keepApp) {
      parts.push(segment);
    } else if (isStructural(marker) || marker === 0xda) {
      placeExtra();
      parts.push(segment);
    }
    p = end;
    if (marker === 0xda) {
      const scanEnd = endOfScan(buf, p);
      parts.push(buf.subarray(p, scanEnd));
      p = scanEnd;
    }
  }
}

/** The offset of the first marker after entropy-coded data starting at `from` (not RSTn or a stuffed 0xFF). */
function endOfScan(buf: Buffer, from: number): number {
  let p = from;
  for (;;) {
    p = buf.indexOf(0xff, p);
    if (p < 0 || p + 1 >= buf.length) throw new Error('JPEG scan without an end');
    const next = buf[p + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) p += 2;
    else if (next === 0xff) p++;
    else return p;
  }
}

/**
 * The decoded ICC profile as fresh APP2 ICC_PROFILE segments (at most 65 519 bytes of profile
 * each), so that colours stay as taken without copying any original APP2 segment. Anything that
 * is not an ICC profile (no "acsp" signature, or too short) is left out.
 */
function iccApp2Segments(icc: Buffer | undefined): Buffer[] {
  if (!icc || icc.length < 132 || icc.toString('latin1', 36, 40) !== 'acsp') return [];
  const CHUNK = 65_519;
  const count = Math.ceil(icc.length / CHUNK);
  if (count > 255) return [];
  const segments: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const data = icc.subarray(i * CHUNK, (i + 1) * CHUNK);
    const head = Buffer.alloc(4 + 14);
    head.writeUInt16BE(0xffe2, 0);
    head.writeUInt16BE(2 + 14 + data.length, 2);
    head.write('ICC_PROFILE\0', 4, 'latin1');
    head[16] = i + 1;
    head[17] = count;
    segments.push(Buffer.concat([head, data]));
  }
  return segments;
}

/** An APP1 EXIF segment holding nothing but the orientation tag (big-endian TIFF, one IFD entry). */
function orientationApp1(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18); // the value, left-aligned in the 4-byte field
  tiff.writeUInt32BE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// Chunks needed to show the image as taken; everything else (EXIF, text of any kind, times,
// animation frames, C2PA and private chunks) is dropped. Nothing after IEND is kept.
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'pHYs',
  'bKGD',
  'cICP',
]);

function stripPng(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 8)];
  let p = 8;
  for (;;) {
    if (p + 12 > buf.length) throw new Error('PNG without IEND');
    const length = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    const end = p + 12 + length;
    if (end > buf.length) throw new Error('malformed PNG chunk');
    if (PNG_KEEP.has(type)) parts.push(buf.subarray(p, end));
    p = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
}

// Image data, alpha, colour profile and animation; EXIF, XMP and unknown chunks go.
const WEBP_KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ICCP', 'ANIM', 'ANMF']);

function stripWebp(buf: Buffer): Buffer {
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') {
    throw new Error('not a WebP');
  }
  // Only what the RIFF header declares is the image: bytes after it are a trailer.
  const riffEnd = 8 + buf.readUInt32LE(4);
  if (riffEnd > buf.length) throw new Error('truncated WebP');
  const chunks: Buffer[] = [];
  let p = 12;
  while (p + 8 <= riffEnd) {
    const fourcc = buf.toString('latin1', p, p + 4);
    const size = buf.readUInt32LE(p + 4);
    const end = p + 8 + size + (size & 1);
    if (end > riffEnd + (size & 1)) throw new Error('malformed WebP chunk');
    if (WEBP_KEEP.has(fourcc)) {
      let chunk = Buffer.from(buf.subarray(p, Math.min(end, buf.length)));
      if (chunk.length % 2) chunk = Buffer.concat([chunk, Buffer.alloc(1)]); // the padding byte
      // The extended header announces EXIF (bit 3) and XMP (bit 2): they are gone now.
      if (fourcc === 'VP8X') chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    p = end;
  }
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
