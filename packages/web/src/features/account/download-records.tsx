/** "Download my records": the patient's own FHIR R4 export, explained in plain language. */
export function DownloadRecords({
  patientId,
  headingLevel = 2,
}: {
  patientId: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const href = `/api/fhir/Patient/${encodeURIComponent(patientId)}/$everything?download=1`;
  return (
    <section className="card" aria-labelledby="download-records">
      <Heading id="download-records">Download my records</Heading>
      <p>
        You can save a copy of what the clinic has recorded about you as one file. It contains your details
        (name, contact details, date of birth), your appointments, treatment plans, treatment session records,
        hair measurements taken from your photos, the consent forms you signed and the side effects you
        reported.
      </p>
      <p>
        The file uses FHIR, a standard format for health records (JSON text). It is meant to be read by other
        clinics' and health apps' software, so it may look technical if you open it yourself. Your photos are
        not in the file; ask the clinic if you would like copies of them.
      </p>
      <p className="muted small">
        Keep the file somewhere safe: it contains health information. Each download is recorded in the
        clinic's audit log.
      </p>
      <a className="btn" href={href} download>
        Download my records (FHIR JSON)
      </a>
    </section>
  );
}
