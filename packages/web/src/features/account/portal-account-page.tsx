import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { ApiError } from '../../lib/api-client';
import { fmtDateTimeUnzoned } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';
import { useCloseAccount, useMyDeletionRequests, useRequestDeletion } from './account-api';
import { ChangePasswordForm } from './change-password-form';
import { DownloadRecords } from './download-records';

const fmt = (ms: number) => fmtDateTimeUnzoned(ms);

/** The patient's account: password, a copy of their records, asking for deletion, closing the account. */
export function PortalAccountPage() {
  usePageMeta('Account', 'Change your password, download your records or close your account.');
  const { data: me } = useMe();
  const [closed, setClosed] = useState(false);
  if (closed) return <AccountClosed />;
  if (!me?.patientId) return <Loading />;
  return (
    <>
      <h1>Account</h1>
      <p className="muted">
        Signed in as {me.name} ({me.email}).
      </p>
      <section className="card" aria-labelledby="acc-password">
        <h2 id="acc-password">Change password</h2>
        <ChangePasswordForm />
      </section>
      <DownloadRecords patientId={me.patientId} />
      <DeletionRequestSection patientId={me.patientId} />
      <CloseAccountSection patientId={me.patientId} onClosed={() => setClosed(true)} />
    </>
  );
}

function DeletionRequestSection({ patientId }: { patientId: string }) {
  const existing = useMyDeletionRequests(patientId);
  const request = useRequestDeletion(patientId);
  const open = existing.data?.find((d) => d.status === 'open');
  const answered = existing.data?.filter((d) => d.status === 'resolved') ?? [];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    request.mutate(reason);
  }

  return (
    <section className="card" aria-labelledby="acc-delete">
      <h2 id="acc-delete">Ask the clinic to delete your data</h2>
      <p>
        Medical records must be kept for the period the law requires, so nothing is erased automatically. When
        you ask, the clinic is told and reviews your request: it deletes what it is allowed to delete, and
        explains to you what it must keep and for how long.
      </p>
      {answered.map((d) => (
        <div key={d.id} className="alert ok">
          <p>
            <strong>The clinic answered your request of {fmt(d.createdAt)}</strong>
            {d.resolvedAt ? ` on ${fmt(d.resolvedAt)}` : ''}:
          </p>
          <p style={{ whiteSpace: 'pre-wrap' }}>{d.resolutionNote}</p>
        </div>
      ))}
      {existing.isPending ? (
        <Loading />
      ) : existing.error ? (
        <ErrorState error={existing.error} title="Could not check for an earlier request" />
      ) : open ? (
        <div className="alert info" role="status">
          You asked on {fmt(open.createdAt)}. The clinic will review your request and reply to you by email.
        </div>
      ) : (
        <form onSubmit={submit}>
          {request.error && (
            <div className="alert error" role="alert">
              {request.error instanceof ApiError ? request.error.message : 'Could not send the request.'}
            </div>
          )}
          <div className="field">
            <label htmlFor="deletion-reason">Anything the clinic should know (optional)</label>
            <textarea id="deletion-reason" name="reason" rows={3} maxLength={2000} />
          </div>
          <button type="submit" className="btn secondary" disabled={request.isPending}>
            {request.isPending ? 'Sending…' : 'Send deletion request'}
          </button>
        </form>
      )}
    </section>
  );
}

function CloseAccountSection({ patientId, onClosed }: { patientId: string; onClosed: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const close = useCloseAccount(patientId);
  const keepRef = useRef<HTMLButtonElement>(null);
  // The confirm step takes focus on its safe choice, so keyboard users land in it without risk.
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);
  return (
    <section className="card" aria-labelledby="acc-close">
      <h2 id="acc-close">Close my portal account</h2>
      <p>
        Closing takes effect at once: you are signed out everywhere and can no longer sign in. Your clinical
        records stay with the clinic for the period the law requires. To use the portal again later, contact
        the clinic.
      </p>
      {!confirming ? (
        <button type="button" className="btn secondary" onClick={() => setConfirming(true)}>
          Close my account…
        </button>
      ) : (
        <div className="alert warn">
          <p id="acc-close-confirm">
            <strong>Close your portal account now?</strong> You will be signed out and cannot sign in again.
          </p>
          {close.error && (
            <p className="error" role="alert">
              {close.error instanceof ApiError ? close.error.message : 'Could not close the account.'}
            </p>
          )}
          <div className="row">
            <button
              type="button"
              className="btn danger"
              disabled={close.isPending}
              onClick={() => close.mutate(undefined, { onSuccess: onClosed })}
            >
              {close.isPending ? 'Closing…' : 'Yes, close my account'}
            </button>
            <button
              ref={keepRef}
              type="button"
              className="btn secondary"
              onClick={() => setConfirming(false)}
            >
              Keep my account
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function AccountClosed() {
  const qc = useQueryClient();
  return (
    <section className="card" aria-labelledby="acc-closed">
      <h1 id="acc-closed">Your portal account is closed</h1>
      <p role="status">
        You have been signed out on every device. The clinic keeps your clinical records for the period the
        law requires.
      </p>
      <Link className="btn" to="/" onClick={() => qc.clear()}>
        Go to the home page
      </Link>
    </section>
  );
}
