import type { NoticeKind } from '@anagen/core/contracts';
import { mapSearchUrl } from '@anagen/core/contracts';
import type { MailMessage } from '../../lib/mailer';
import type { AppointmentView } from '../booking/booking.repository';
import { appointmentIcs } from './appointment-ics';

export interface NoticeLinks {
  manageUrl: string;
  confirmUrl: string;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** e.g. "Wednesday, November 25, 2026 at 9:00 AM PST", in the clinic's zone (formatter cached per zone). */
function when(v: AppointmentView): string {
  let f = formatters.get(v.time_zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: v.time_zone,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(v.time_zone, f);
  }
  return f.format(v.start_at);
}

/**
 * Subject, plain text, HTML and (except reminders) the .ics of one appointment message. `note` is
 * the clinic's own text for this kind of message (admin → Templates), placed after the facts.
 */
export function composeNotice(
  kind: NoticeKind,
  v: AppointmentView,
  clinic: { name: string; email: string; phone: string },
  links: NoticeLinks,
  stamp: number,
  note = '',
): MailMessage {
  const at = when(v);
  const what = `${v.type_name} with ${v.provider_name}`;
  const place = v.location_address
    ? `${clinic.name}, ${v.location_address}`
    : `${clinic.name}, ${v.location_name}`;
  const map = mapSearchUrl(v.location_address);
  // Where to go, on its own lines: the street address and a map link (not for a cancellation).
  const whereLines =
    kind === 'cancellation'
      ? []
      : [`Address: ${v.location_address ?? v.location_name}`, ...(map ? [`Map: ${map}`] : [])];
  const lines: string[] = [];
  let subject: string;
  switch (kind) {
    case 'confirmation':
      subject = `Booked: ${v.type_name} on ${at}`;
      lines.push(`Your ${what} is booked for ${at} (${v.time_zone}) at ${place}.`);
      break;
    case 'reschedule':
      subject = `Moved: ${v.type_name} is now on ${at}`;
      lines.push(`Your ${what} has moved to ${at} (${v.time_zone}) at ${place}.`);
      lines.push('The calendar file attached replaces the earlier one.');
      break;
    case 'cancellation':
      subject = `Cancelled: ${v.type_name} on ${at}`;
      lines.push(`Your ${what} on ${at} (${v.time_zone}) is cancelled.`);
      lines.push('If you did not ask for this, please call the clinic.');
      break;
    case 'reminder':
      subject = `Reminder: ${v.type_name} on ${at}`;
      lines.push(`A reminder of your ${what} on ${at} (${v.time_zone}) at ${place}.`);
      lines.push(`Please confirm you are coming: ${links.confirmUrl}`);
      break;
  }
  if (whereLines.length) lines.push(...whereLines);
  if (note.trim()) lines.push('', ...note.trim().split(/\r?\n/), '');
  if (kind !== 'cancellation') lines.push(`To change or cancel: ${links.manageUrl}`);
  lines.push('', `${clinic.name} · ${clinic.phone} · ${clinic.email}`);
  const text = lines.join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933">${lines
    .map((l) =>
      l
        ? `<p>${esc(l).replace(/(https?:\/\/[^\s]+)/g, (u) => `<a href="${u}">${u.includes('/confirm') ? "Yes, I'm coming" : u.includes('openstreetmap.org') ? 'Open the map' : u}</a>`)}</p>`
        : '',
    )
    .join('')}</body></html>`;
  const message: MailMessage = { to: v.patient_email, subject, text, html };
  if (kind !== 'reminder') {
    const ics = appointmentIcs(v, { stamp, clinic, manageUrl: links.manageUrl, mode: 'mail' });
    const method = kind === 'cancellation' ? 'CANCEL' : 'REQUEST';
    message.attachments = [
      {
        filename: 'appointment.ics',
        content: ics,
        contentType: `text/calendar; charset=utf-8; method=${method}`,
      },
    ];
  }
  return message;
}
