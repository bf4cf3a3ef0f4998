import type { Block, Calendar } from '@anagen/core/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api-client';
import { formatDateTime, formatTime, localDateKey, zoneName } from '../../lib/clinic-time';
import { useRefreshSchedule } from './calendar-api';

/** One time block: for whom, when, why; removed only after a second, explicit confirmation. */
export function BlockDetails({
  block: b,
  cal,
  onClose,
  onRemoved,
}: {
  block: Block;
  cal: Calendar;
  onClose: () => void;
  onRemoved: (message: string) => void;
}) {
  const zone = cal.timeZone;
  const refresh = useRefreshSchedule();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the details when another block opens
  useEffect(() => headingRef.current?.focus(), [b.id]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const who =
    (b.providerId && cal.providers.find((p) => p.id === b.providerId)?.name) ||
    (b.resourceId && cal.resources.find((r) => r.id === b.resourceId)?.name) ||
    'Unknown';
  const sameDay = localDateKey(b.start, zone) === localDateKey(b.end, zone);
  const when = `${formatDateTime(b.start, zone)}–${sameDay ? formatTime(b.end, zone) : formatDateTime(b.end, zone)}`;
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/api/blocks/${b.id}`);
      refresh();
      onRemoved(`Block removed: ${who}, ${when}. That time is free again.`);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Please try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card stack" data-testid="block-details">
      <div className="row">
        <h2 style={{ marginRight: 'auto' }} ref={headingRef} tabIndex={-1}>
          Blocked time
        </h2>
        <button type="button" className="btn secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="confirm-facts">
        <dt>For</dt>
        <dd>{who}</dd>
        <dt>When</dt>
        <dd>
          {when} <span className="muted small">clinic time, {zoneName(zone, b.start)}</span>
        </dd>
        <dt>Reason</dt>
        <dd>{b.reason ?? '—'}</dd>
      </dl>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      {confirming ? (
        <div className="stack">
          <p ref={confirmRef} tabIndex={-1}>
            <strong>Remove this block?</strong> The time becomes bookable again. The removal is recorded in
            the audit log.
          </p>
          <div className="row">
            <button type="button" className="btn danger small" disabled={busy} onClick={() => void remove()}>
              Yes, remove the block
            </button>
            <button type="button" className="btn secondary small" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="btn danger small" onClick={() => setConfirming(true)}>
            Remove block
          </button>
        </div>
      )}
    </div>
  );
}
