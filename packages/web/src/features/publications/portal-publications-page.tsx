import type { Publication } from '@anagen/core/contracts';
import { useState } from 'react';
import { usePageMeta } from '../../components/ui/page-title';
import { ActionMessage, EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { clinicDate } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';
import { STATUS_LABEL, usePublicationActions, usePublications } from './publications-api';

/**
 * Patient portal: the clinic asks to publish two photos. The patient sees exactly the two files
 * that would go public (the server derives them the same way on consent), decides about the face,
 * consents, and can withdraw at any time.
 */
export function PortalPublicationsPage() {
  const me = useMe();
  const patientId = me.data?.patientId;
  const list = usePublications(patientId);
  usePageMeta('Publishing my photos');
  if (me.isPending || (patientId && list.isPending)) return <Loading />;
  if (list.error) return <ErrorState error={list.error} title="Could not load your photo publications" />;
  const items = list.data ?? [];
  return (
    <>
      <h1>Publishing my photos</h1>
      <p>
        Your clinic may ask to show a before-and-after pair of your photos on its website. This is separate
        from your treatment consent: saying no changes nothing about your care. Your name is never shown.
      </p>
      {items.length === 0 ? (
        <EmptyState title="No requests">
          When the clinic asks to publish photos, the request appears here.
        </EmptyState>
      ) : (
        items.map((p) => <PublicationCard key={p.id} p={p} patientId={patientId!} />)
      )}
    </>
  );
}

function PublicationCard({ p, patientId }: { p: Publication; patientId: string }) {
  const actions = usePublicationActions(patientId);
  const [showFace, setShowFace] = useState(p.showFace ?? false);
  const [agreed, setAgreed] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const preview = (role: 'before' | 'after') => `${p.previewUrls[role]}?showFace=${showFace}`;
  const act = async (run: () => Promise<unknown>, ok: string) => {
    try {
      await run();
      setMessage({ kind: 'ok', text: ok });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : 'Please try again.' });
    }
  };
  return (
    <article className="card" aria-labelledby={`pub-${p.id}`} data-publication={p.id}>
      <h2 id={`pub-${p.id}`}>
        {p.view} view, {clinicDate(p.beforeTakenAt)} and {clinicDate(p.afterTakenAt)}
      </h2>
      <p>
        <strong>{STATUS_LABEL[p.status]}</strong>
      </p>
      {p.status !== 'withdrawn' && (
        <div className="publication-pair" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          <figure style={{ margin: 0 }}>
            <img
              src={preview('before')}
              alt="Before, exactly as it would be published"
              style={{ width: '100%' }}
            />
            <figcaption>Before · {clinicDate(p.beforeTakenAt)}</figcaption>
          </figure>
          <figure style={{ margin: 0 }}>
            <img
              src={preview('after')}
              alt="After, exactly as it would be published"
              style={{ width: '100%' }}
            />
            <figcaption>After · {clinicDate(p.afterTakenAt)}</figcaption>
          </figure>
        </div>
      )}
      {p.note && <p>The clinic’s note shown with the pair: {p.note}</p>}
      {p.status === 'awaiting-consent' && (
        <fieldset>
          <legend>Your choice</legend>
          {p.faceCanShow ? (
            <label className="checkbox">
              <input type="checkbox" checked={showFace} onChange={(e) => setShowFace(e.target.checked)} /> My
              face may show (otherwise the face area is blurred, as in the pictures above)
            </label>
          ) : (
            <p className="muted">These photos show the top or back of the head; no face is visible.</p>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} /> I agree
            that the clinic publishes exactly these two images with their dates and the treatments I had
            between them. I can withdraw at any time.
          </label>
          <button
            type="button"
            className="btn"
            disabled={!agreed || actions.consent.isPending}
            onClick={() =>
              act(() => actions.consent.mutateAsync({ id: p.id, showFace }), 'Published. Thank you.')
            }
          >
            Publish these two images
          </button>
        </fieldset>
      )}
      {p.verifyUrl && (
        <p>
          <a href={p.verifyUrl}>See it as the public sees it</a>
        </p>
      )}
      {p.status !== 'withdrawn' && (
        <button
          type="button"
          className="btn secondary"
          onClick={() =>
            act(
              () => actions.withdraw.mutateAsync(p.id),
              'Withdrawn. The images are removed from the website now.',
            )
          }
        >
          {p.status === 'published' ? 'Withdraw my consent' : 'Decline'}
        </button>
      )}
      {message && <ActionMessage kind={message.kind}>{message.text}</ActionMessage>}
    </article>
  );
}
