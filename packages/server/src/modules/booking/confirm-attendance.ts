import type { Actor } from '@anagen/core/access';
import type { AppDeps } from '../../deps';
import { hashToken } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import {
  findAppointmentView,
  MANAGE_LINK_DAYS_AFTER_END,
  manageLinkExpired,
  markPatientConfirmed,
  tokenOpens,
} from './booking.repository';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} · Anagen</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2933}a{color:#0b5cad}</style></head>
<body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

/**
 * The "I'm coming" answer from a reminder, in two steps: opening the link (`record: false`) shows
 * the appointment and a button; only pressing it (a POST, `record: true`) records when the patient
 * confirmed (first answer wins; repeats change nothing). Mail scanners that open every link in a
 * message therefore confirm nothing.
 */
export async function confirmAttendance(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: {
    id: string;
    token: string;
    record: boolean;
    /** The client's address, for the audit log. */
    ip: string;
  },
): Promise<{ status: number; html: string }> {
  const { id, token, record, ip } = input;
  const { db, clock } = deps;
  const view = await findAppointmentView(db.kysely, id);
  if (!view || !(await tokenOpens(db.kysely, view, hashToken(token)))) {
    return {
      status: 404,
      html: page('Link not recognised', '<p>This link is not valid. Please call the clinic.</p>'),
    };
  }
  if (manageLinkExpired(view, clock.now())) {
    return {
      status: 410,
      html: page(
        'Link expired',
        `<p>This link stopped working ${MANAGE_LINK_DAYS_AFTER_END} days after the appointment. Please call the clinic.</p>`,
      ),
    };
  }
  const when = new Intl.DateTimeFormat('en-US', {
    timeZone: view.time_zone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(view.start_at);
  const manage = `/manage/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`;
  if (view.status !== 'booked') {
    return {
      status: 409,
      html: page(
        'This appointment is no longer booked',
        `<p>It is ${esc(view.status)}. <a href="${manage}">See the booking</a>.</p>`,
      ),
    };
  }
  const what = `your ${esc(view.type_name)} with ${esc(view.provider_name)} on ${esc(when)} (${esc(view.time_zone)})`;
  if (!record && view.patient_confirmed_at === null) {
    const action = `/api/appointments/${encodeURIComponent(id)}/confirm?token=${encodeURIComponent(token)}`;
    return {
      status: 200,
      html: page(
        'Are you coming?',
        `<p>This is ${what}.</p>
<form method="post" action="${esc(action)}"><button type="submit" style="font:inherit;padding:.6rem 1.2rem">Yes, I am coming</button></form>
<p><a href="${manage}">Change or cancel the appointment instead</a></p>`,
      ),
    };
  }
  if (view.patient_confirmed_at === null) {
    await markPatientConfirmed(db.kysely, id, clock.now());
    await recordAudit(
      db.kysely,
      { actor, at: clock.now(), ip },
      {
        action: 'appointment.confirm.by-link',
        resource: 'appointment',
        resourceId: id,
        patientId: view.patient_id,
      },
    );
  }
  return {
    status: 200,
    html: page(
      'Thank you, see you then',
      `<p>We have noted that you are coming to ${what}.</p>
<p><a href="${manage}">Change or cancel the appointment</a></p>`,
    ),
  };
}
