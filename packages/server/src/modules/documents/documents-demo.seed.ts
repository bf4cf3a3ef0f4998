import type { SeedContext } from '../demo/seed-context';

const DAY = 86_400_000;

/**
 * A one-page PDF with a few lines of Helvetica text, built by hand (object offsets counted), so the
 * demo's referral letter opens in any viewer without a PDF library.
 */
function simplePdf(lines: string[]): Buffer {
  const esc = (t: string) => t.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines.map((l, i) => `BT /F1 12 Tf 72 ${740 - i * 18} Td (${esc(l)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The referral letter that brought the demo patient Pat Rivera to the clinic. */
export async function seedDemoDocuments({ db, now, storage }: SeedContext): Promise<void> {
  if (!storage) return;
  const id = 'demo-document-referral-1';
  const exists = await db
    .selectFrom('patient_documents')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (exists) return;
  const pdf = simplePdf([
    'Referral letter (demo data, fictional)',
    '',
    'Dear colleague,',
    'I am referring Pat Rivera with gradual thinning at the crown over four years.',
    'No scalp symptoms, no recent illness. Ferritin and TSH normal this spring.',
    'Using topical minoxidil 5 % for 8 months with little change.',
    'I would be grateful for your assessment and advice on treatment options.',
    '',
    'Dr. A. Ames, general practice',
  ]);
  const key = `documents/demo-patient-1/${id}.pdf`;
  await storage.put(key, pdf);
  await db
    .insertInto('patient_documents')
    .values({
      id,
      patient_id: 'demo-patient-1',
      title: 'Referral letter from Dr. Ames',
      kind: 'referral',
      file_key: key,
      mime: 'application/pdf',
      size_bytes: pdf.length,
      uploaded_by: 'demo-user-clinician',
      created_at: now - 121 * DAY,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
