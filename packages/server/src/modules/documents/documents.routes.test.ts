import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { useDemoTestApp } from '../../test/test-app';
import { exifHasGps, jpegWithGps } from '../photos/test-images';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** A multipart body: text fields plus an optional `file`. */
function docForm(
  fields: Record<string, string>,
  file?: { data: Buffer; type?: string; name?: string },
): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) {
    f.append(
      'file',
      new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/pdf' }),
      file.name ?? 'letter.pdf',
    );
  }
  return f;
}

describe.each(DIALECTS)('patient documents on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const upload = (payload: FormData, who = 'clinician', patientId = 'demo-patient-1') =>
    t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/documents`,
      headers: { cookie: cookies[who]! },
      payload,
    });
  const get = (url: string, who?: string) =>
    t.app.inject({ url, headers: who ? { cookie: cookies[who]! } : {} });
  // The demo clinic files one referral letter for Pat Rivera; these tests count what they add.
  const SEEDED = 'demo-document-referral-1';
  type Doc = { id: string; title: string; fileUrl: string };
  const everything = async (who = 'clinician') =>
    (await get('/api/patients/demo-patient-1/documents', who)).json() as Doc[];
  const list = async (who = 'clinician') => (await everything(who)).filter((d) => d.id !== SEEDED);
  const storedKeys = async () =>
    (await t.deps.storage.list()).filter((k) => k.startsWith('documents/') && !k.includes(SEEDED));

  it('has the demo referral letter on file as a well-formed PDF', async () => {
    const seeded = (await everything()).find((d) => d.id === SEEDED)!;
    expect(seeded.title).toBe('Referral letter from Dr. Ames');
    const file = await get(seeded.fileUrl, 'clinician');
    const text = file.rawPayload.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    // Every object sits at the byte offset its cross-reference entry names.
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    expect(offsets.map((off) => text.slice(off, off + 8))).toEqual(offsets.map((_, i) => `${i + 1} 0 obj\n`));
  });

  it('files a PDF as sent and a scan without its metadata, and serves both as private attachments', async () => {
    const pdf = await upload(docForm({ title: 'Referral from Dr. Ames', kind: 'referral' }, { data: PDF }));
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json()).toMatchObject({
      title: 'Referral from Dr. Ames',
      kind: 'referral',
      mime: 'application/pdf',
      sizeBytes: PDF.length,
      uploadedByName: 'Dr. Casey Morgan',
    });
    const file = await get(pdf.json().fileUrl, 'clinician');
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="Referral-from-Dr.-Ames.pdf"');
    expect(file.headers['cache-control']).toBe('private, no-store');

    const jpeg = await jpegWithGps(64, 48);
    expect(exifHasGps((await sharp(jpeg).metadata()).exif)).toBe(true);
    const scan = await upload(
      docForm(
        { title: 'Ferritin and TSH', kind: 'lab-result' },
        { data: jpeg, type: 'image/jpeg', name: 'scan.jpg' },
      ),
    );
    expect(scan.statusCode).toBe(201);
    const served = await get(scan.json().fileUrl, 'clinician');
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('TestCam'))).toBe(false);

    expect((await list()).map((d) => d.title).sort()).toEqual(['Ferritin and TSH', 'Referral from Dr. Ames']);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'patient_id'])
      .where('action', 'in', ['document.create', 'document.download'])
      .execute();
    expect(audit.filter((a) => a.action === 'document.create')).toHaveLength(2);
    expect(
      audit.filter((a) => a.action === 'document.download').every((a) => a.patient_id === 'demo-patient-1'),
    ).toBe(true);
  });

  it('refuses what it cannot file with a clear 4xx and stores nothing', async () => {
    const before = await storedKeys();
    const cases: [FormData, number, string | null][] = [
      [
        docForm({ title: 'Notes', kind: 'letter' }, { data: Buffer.from('just text'), type: 'text/plain' }),
        415,
        null,
      ],
      [docForm({ title: 'Cut off', kind: 'letter' }, { data: PDF.subarray(0, 30) }), 422, null],
      [docForm({ title: '', kind: 'letter' }, { data: PDF }), 400, 'body.title'],
      [docForm({ title: 'Odd', kind: 'x-ray' }, { data: PDF }), 400, 'body.kind'],
      [docForm({ title: 'No file', kind: 'letter' }), 400, 'body.file'],
      [docForm({ title: 'Empty', kind: 'letter' }, { data: Buffer.alloc(0) }), 400, 'body.file'],
    ];
    for (const [payload, status, path] of cases) {
      const res = await upload(payload);
      expect(res.statusCode).toBe(status);
      if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await storedKeys()).toEqual(before);
    expect(await list()).toHaveLength(2);
  });

  it('lets clinicians file, admins and the patient read, and nobody else see', async () => {
    const doc = (await list())[0]!;
    expect((await get('/api/patients/demo-patient-1/documents', 'admin')).statusCode).toBe(200);
    expect(await list('patient')).toHaveLength(2);
    expect((await get(doc.fileUrl, 'patient')).statusCode).toBe(200);
    expect((await get('/api/patients/demo-patient-1/documents', 'desk')).statusCode).toBe(403);
    expect((await get(doc.fileUrl, 'desk')).statusCode).toBe(403);
    expect((await get('/api/patients/demo-patient-1/documents', 'patient2')).statusCode).toBe(404);
    expect((await get(doc.fileUrl, 'patient2')).statusCode).toBe(404);
    expect((await get(doc.fileUrl)).statusCode).toBe(401);
    for (const who of ['admin', 'desk']) {
      expect((await upload(docForm({ title: 'X', kind: 'other' }, { data: PDF }), who)).statusCode).toBe(403);
    }
    // A patient cannot file into someone else's record (which, to them, does not exist).
    expect((await upload(docForm({ title: 'X', kind: 'other' }, { data: PDF }), 'patient2')).statusCode).toBe(
      404,
    );
    expect(await list()).toHaveLength(2);
  });

  it('lets a patient file their own results and remove only what they filed', async () => {
    const own = await upload(
      docForm({ title: 'Blood test from my GP', kind: 'lab-result' }, { data: PDF }),
      'patient',
    );
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ uploadedByName: 'Pat Rivera', patientId: 'demo-patient-1' });
    expect((await list()).map((d) => d.title)).toContain('Blood test from my GP');
    const clinicians = (await list()).find((d) => d.title === 'Referral from Dr. Ames')!;
    const del = (id: string, who: string) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/documents/${id}`,
        headers: { cookie: cookies[who]! },
        payload: { reason: 'Sent the wrong file.' },
      });
    expect((await del(clinicians.id, 'patient')).statusCode).toBe(404);
    expect((await del(own.json().id, 'patient2')).statusCode).toBe(404);
    expect((await del(own.json().id, 'patient')).statusCode).toBe(204);
    expect((await list()).map((d) => d.title)).not.toContain('Blood test from my GP');
    expect((await list()).map((d) => d.title)).toContain('Referral from Dr. Ames');
  });

  it('removes a document filed by mistake, with its reason in the audit log', async () => {
    const doc = (await list()).find((d) => d.title === 'Ferritin and TSH')!;
    const del = (body: unknown, who = 'clinician') =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/documents/${doc.id}`,
        headers: { cookie: cookies[who]! },
        payload: body as object,
      });
    expect((await del({})).statusCode).toBe(400);
    expect((await del({ reason: 'Wrong patient.' }, 'admin')).statusCode).toBe(403);
    expect((await del({ reason: 'Filed under the wrong patient.' })).statusCode).toBe(204);
    expect((await list()).map((d) => d.title)).toEqual(['Referral from Dr. Ames']);
    expect((await get(doc.fileUrl, 'clinician')).statusCode).toBe(404);
    expect(await storedKeys()).toHaveLength(1); // the referral; the patient's own upload went with its removal
    const entry = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['detail', 'patient_id'])
      .where('action', '=', 'document.remove')
      .where('resource_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      detail: 'Ferritin and TSH: Filed under the wrong patient.',
      patient_id: 'demo-patient-1',
    });
  });
});
