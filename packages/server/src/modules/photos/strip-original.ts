import sharp from 'sharp';

/**
 * The upload as kept for audit: its image data untouched, its metadata blocks (EXIF with GPS, XMP,
 * IPTC, text comments) removed. A patient's phone photo carries where it was taken, usually their
 * home; nobody at the clinic needs that, so it is not stored at all, not even in the original.
 *
 * JPEG, PNG and WebP are edited at the container level, so the compressed pixels stay byte for byte
 * what the camera wrote (and decode to exactly the same pixels). A JPEG keeps its orientation in a
 * minimal EXIF block of its own. TIFF keeps metadata inside its image directories, so it is
 * re-encoded losslessly as PNG instead. Throws on a malformed container (the caller has already
 * decoded the image, so that does not happen for accepted uploads).
 */
export async function stripOriginal(buf: Buffer, mime: string): Promise<{ data: Buffer; mime: string }> {
  switch (mime) {
    case 'image/jpeg': {
      const { orientation } = await sharp(buf).metadata();
      return { data: stripJpeg(buf, orientation && orientation !== 1 ? orientation : null), mime };
    }
    case 'image/png':
      return { data: stripPng(buf), mime };
    case 'image/webp':
      return { data: stripWebp(buf), mime };
    default:
      return { data: await sharp(buf).png().toBuffer(), mime: 'image/png' };
  }
}

// APP1 (EXIF, XMP), APP13 (IPTC, Photoshop) and COM (comments). APP0 (JFIF), APP2 (ICC colour
// profile) and APP14 (Adobe colour transform) are needed to show the pixels as taken.
const JPEG_DROP = new Set([0xe1, 0xed, 0xfe]);

function stripJpeg(buf: Buffer, orientation: number | null): Buffer {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) throw new Error('not a JPEG');
  const parts: Buffer[] = [buf.subarray(0, 2)];
  if (orientation) parts.push(orientationApp1(orientation));
  let p = 2;
  while (p < buf.length) {
    if (buf[p] !== 0xff) throw new Error('malformed JPEG segment');
    const marker = buf[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    // Start of scan: the entropy-coded data and everything after it are copied as they are.
    if (marker === 0xda) {
      parts.push(buf.subarray(p));
      break;
    }
    const length = buf.readUInt16BE(p + 2);
    const end = p + 2 + length;
    if (length < 2 || end > buf.length) throw new Error('malformed JPEG segment');
    if (!JPEG_DROP.has(marker)) parts.push(buf.subarray(p, end));
    p = end;
  }
  return Buffer.concat(parts);
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

// Metadata chunks: EXIF, text of any kind, and the last-modified time.
const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 8)];
  let p = 8;
  while (p < buf.length) {
    const length = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    const end = p + 12 + length;
    if (end > buf.length) throw new Error('malformed PNG chunk');
    if (!PNG_DROP.has(type)) parts.push(buf.subarray(p, end));
    p = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

function stripWebp(buf: Buffer): Buffer {
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') {
    throw new Error('not a WebP');
  }
  const chunks: Buffer[] = [];
  let p = 12;
  while (p + 8 <= buf.length) {
    const fourcc = buf.toString('latin1', p, p + 4);
    const size = buf.readUInt32LE(p + 4);
    const end = p + 8 + size + (size & 1);
    if (end > buf.length) throw new Error('malformed WebP chunk');
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      const chunk = Buffer.from(buf.subarray(p, end));
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
