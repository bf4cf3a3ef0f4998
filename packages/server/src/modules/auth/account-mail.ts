import type { AppDeps } from '../../deps';
import { findClinicName } from '../clinic/clinic.repository';

/** Where a failed send is noted; the server's logger (app.log, req.log) is one. */
export interface WarnLog {
  warn(obj: object, msg: string): void;
}

/**
 * What sending an account mail needs. A use case passes its deps and a logger; route code may still
 * pass the Fastify instance itself (it carries both as `deps` and `log`).
 */
type MailDeps = Pick<AppDeps, 'config' | 'mailer' | 'db'> & { log: WarnLog };
type MailSender = MailDeps | { deps: Pick<AppDeps, 'config' | 'mailer' | 'db'>; log: WarnLog };

const mailDeps = (s: MailSender): MailDeps => ('deps' in s ? { ...s.deps, log: s.log } : s);

export type AccountMail =
  | { kind: 'verify-email'; token: string; expiresAt: number }
  | { kind: 'already-registered' }
  | { kind: 'password-reset'; token: string; expiresAt: number }
  | { kind: 'booking-claim'; token: string; expiresAt: number };

/**
 * Mails a person about their own account. A failed send is logged, never thrown: the answer to the
 * request must not depend on whether (or to whom) a mail went, or it would reveal accounts.
 */
export async function sendAccountMail(
  sender: MailSender,
  to: { email: string; name: string },
  mail: AccountMail,
): Promise<void> {
  const { config, mailer, db, log } = mailDeps(sender);
  const clinicName = (await findClinicName(db.kysely)) ?? 'the clinic';
  const link = (page: string, token: string) =>
    `${config.publicUrl}/${page}?token=${encodeURIComponent(token)}`;
  const until = (at: number) => `The link works once and expires on ${new Date(at).toUTCString()}.`;
  let subject: string;
  let body: string[];
  switch (mail.kind) {
    case 'verify-email':
      subject = `Confirm your email for ${clinicName}`;
      body = [
        `Someone (we hope you) created a patient account with this email at ${clinicName}.`,
        'Confirm that this is your address here:',
        link('verify-email', mail.token),
        '',
        until(mail.expiresAt),
        'If you did not create this account, do not open the link; nothing will be shared with it.',
      ];
      break;
    case 'already-registered':
      subject = `Someone tried to register with your email at ${clinicName}`;
      body = [
        `Someone just tried to create a new account at ${clinicName} with this email, which already has one.`,
        'If it was you, sign in instead, or set a new password here:',
        `${config.publicUrl}/forgot-password`,
        '',
        'If it was not you, you can ignore this message: your account has not changed.',
      ];
      break;
    case 'password-reset':
      subject = `Set a new password for ${clinicName}`;
      body = [
        'You (or someone who typed your email) asked to reset your password. Choose a new one here:',
        link('reset-password', mail.token),
        '',
        until(mail.expiresAt),
        'If you did not ask for this, ignore this message: your password stays as it is.',
      ];
      break;
    case 'booking-claim':
      subject = `Is this booking at ${clinicName} yours?`;
      body = [
        `An appointment was booked at ${clinicName} with this email by someone who was not signed in.`,
        'If it was you, open this link and sign in to add it to your records:',
        link('claim-booking', mail.token),
        '',
        until(mail.expiresAt),
        'If it was not you, ignore this message: the booking stays out of your records.',
      ];
      break;
  }
  const text = [`Hello ${to.name},`, '', ...body].join('\n');
  try {
    await mailer.send({ to: to.email, subject, text });
  } catch (err) {
    log.warn({ err, kind: mail.kind }, 'could not send an account email');
  }
}

/**
 * Sends without making the request wait: where one answer must fit every email (registration, reset
 * request), a mail sent for known addresses only would otherwise show in the response time.
 */
export function sendAccountMailInBackground(
  sender: MailSender,
  to: { email: string; name: string },
  mail: AccountMail,
): void {
  sendAccountMail(sender, to, mail).catch((err) =>
    sender.log.warn({ err }, 'could not send an account email'),
  );
}
