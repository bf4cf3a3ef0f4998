import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  type DocumentKind,
  type PatientDocument,
} from '@anagen/core/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Field, SelectField } from '../../components/ui/field';
import { RemoveWithReason } from '../../components/ui/remove-with-reason';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { ApiError, api } from '../../lib/api-client';
import { fmtDate } from '../../lib/clinic-time';

const key = (patientId: string) => ['documents', patientId] as const;

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const TYPE = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG image', 'image/png': 'PNG image' } as Record<
  string,
  string
>;

/**
 * A patient's documents (referrals, letters, results): a list with downloads for everyone who may
 * read the chart. Clinicians file and remove any (`canRemove: 'all'`); a patient files their own and
 * removes what they filed (`'own'`, with `userId`).
 */
export function DocumentsPanel({
  patientId,
  canFile,
  canRemove,
  userId,
  intro,
}: {
  patientId: string;
  canFile: boolean;
  canRemove: 'all' | 'own' | 'none';
  userId?: string | undefined;
  intro?: string;
}) {
  const removable = (d: PatientDocument) =>
    canRemove === 'all' || (canRemove === 'own' && !!userId && d.uploadedById === userId);
  const anyRemovable = canRemove !== 'none';
  const docs = useQuery({
    queryKey: key(patientId),
    queryFn: () => api.get<PatientDocument[]>(`/api/patients/${encodeURIComponent(patientId)}/documents`),
  });
  return (
    <section className="stack" aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      {intro && <p className="muted">{intro}</p>}
      {canFile && <FileDocument patientId={patientId} />}
      {docs.isPending && <Loading label="Loading documents…" />}
      {docs.error && <ErrorState error={docs.error} title="Could not load the documents" />}
      {docs.data?.length === 0 && (
        <EmptyState title="No documents yet">
          Referral letters, lab results and other letters filed in the chart appear here.
        </EmptyState>
      )}
      {docs.data && docs.data.length > 0 && (
        <div className="table-scroll">
          <table className="documents-table">
            <caption className="visually-hidden">Documents in the chart, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Filed</th>
                <th scope="col">File</th>
                {anyRemovable && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {docs.data.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={d.fileUrl} download>
                      {d.title}
                    </a>
                  </td>
                  <td>{DOCUMENT_KIND_LABELS[d.kind]}</td>
                  <td>
                    {fmtDate(Date.parse(d.createdAt))}
                    {d.uploadedByName && <span className="muted small"> · {d.uploadedByName}</span>}
                  </td>
                  <td>
                    {TYPE[d.mime] ?? d.mime}, {size(d.sizeBytes)}
                  </td>
                  {anyRemovable && <td>{removable(d) && <RemoveDocument doc={d} />}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FileDocument({ patientId }: { patientId: string }) {
  const id = useId();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('referral');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const save = useMutation({
    mutationFn: () => {
      const body = new FormData();
      body.append('title', title);
      body.append('kind', kind);
      if (file) body.append('file', file);
      return api.post<PatientDocument>(`/api/patients/${encodeURIComponent(patientId)}/documents`, body);
    },
    onSuccess: async () => {
      setTitle('');
      setFile(null);
      setInputKey((k) => k + 1);
      await qc.invalidateQueries({ queryKey: key(patientId) });
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  return (
    <form
      className="card stack"
      aria-label="File a document"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="grid">
        <Field
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
          required
          maxLength={200}
        />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as DocumentKind)}
          error={errors.kind}
        >
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {DOCUMENT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>File (PDF, JPEG or PNG, up to 25 MB)</label>
        <input
          key={inputKey}
          id={`${id}-file`}
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          required
          aria-describedby={errors.file ? `${id}-file-error` : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {errors.file && (
          <p id={`${id}-file-error`} className="error-text">
            {errors.file}
          </p>
        )}
      </div>
      {save.error && !Object.keys(errors).length && (
        <div className="alert error" role="alert">
          {save.error.message}
        </div>
      )}
      {save.isSuccess && (
        <p className="alert ok" role="status">
          Document filed.
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn" disabled={save.isPending || !file}>
          {save.isPending ? 'Filing…' : 'File document'}
        </button>
      </div>
    </form>
  );
}

function RemoveDocument({ doc }: { doc: PatientDocument }) {
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (reason: string) =>
      api.delete<void>(`/api/documents/${encodeURIComponent(doc.id)}`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(doc.patientId) }),
  });
  return (
    <RemoveWithReason
      button={
        <>
          Remove…<span className="visually-hidden"> {doc.title}</span>
        </>
      }
      formLabel={`Remove ${doc.title}`}
      question="Why remove it?"
      confirm="Remove document"
      small
      pending={remove.isPending}
      error={remove.error}
      onRemove={(reason) => remove.mutate(reason)}
    />
  );
}
