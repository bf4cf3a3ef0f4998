import type { AppointmentType, Calendar } from '@anagen/core/contracts';
import { useEffect, useRef } from 'react';
import { formatDateTime, formatTime, zoneName } from '../../lib/clinic-time';
import { useClinicInfo } from '../../lib/use-clinic';

export interface Proposal {
  patientName: string;
  type: AppointmentType | undefined;
  start: string;
  end: string;
  providerId: string;
}

/**
 * The step between choosing a time and committing it: who, what, when (clinic time, zone named),
 * where and with whom. Focus lands on its heading so a screen reader hears what is about to happen.
 */
export function BookingConfirm({
  heading,
  proposal: p,
  cal,
  confirmLabel,
  busy,
  onConfirm,
  onBack,
}: {
  heading: string;
  proposal: Proposal;
  cal: Calendar;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const zone = cal.timeZone;
  const clinic = useClinicInfo().data;
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const rooms = (p.type?.resourceIds ?? [])
    .map((id) => cal.resources.find((r) => r.id === id)?.name)
    .filter(Boolean);
  const provider = cal.providers.find((x) => x.id === p.providerId)?.name ?? 'the first free clinician';
  return (
    <section className="confirm-step stack" aria-labelledby="confirm-step-h">
      <h3 id="confirm-step-h" ref={ref} tabIndex={-1}>
        {heading}
      </h3>
      <dl className="confirm-facts">
        <dt>Who</dt>
        <dd>{p.patientName}</dd>
        <dt>What</dt>
        <dd>{p.type ? `${p.type.name} (${p.type.durationMinutes} min)` : 'Appointment'}</dd>
        <dt>When</dt>
        <dd>
          {formatDateTime(p.start, zone)}–{formatTime(p.end, zone)}{' '}
          <span className="muted small">clinic time, {zoneName(zone, p.start)}</span>
        </dd>
        <dt>Where</dt>
        <dd>
          {clinic?.name ?? 'The clinic'}
          {rooms.length ? `, ${rooms.join(' and ')}` : ''}
        </dd>
        <dt>Provider</dt>
        <dd>{provider}</dd>
      </dl>
      <div className="row">
        <button type="button" className="btn" disabled={busy} onClick={onConfirm}>
          {busy ? 'Saving…' : confirmLabel}
        </button>
        <button type="button" className="btn secondary" disabled={busy} onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  );
}
