import type { FastifyInstance } from 'fastify';

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
  app: FastifyInstance,
  to: { email: string; name: string },
  mail: AccountMail,
): Promise<void> {
  const { config, mailer, db } = app.deps;
  const clinic = await db.kysely.selectFrom('clinics').select('name').orderBy('id').executeTakeFirst();
  const clinicName = clinic?.name ?? 'the clinic';
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
    app.log.warn({ err, kind: mail.kind }, 'could not send an account email');
  }
}

/**
 * Sends without making the request wait: where one answer must fit every email (registration, reset
 * request), a mail sent for known addresses only would otherwise show in the response time.
 */
export function sendAccountMailInBackground(
  app: FastifyInstance,
  to: { email: string; name: string },
  mail: AccountMail,
): void {
  sendAccountMail(app, to, mail).catch((err) => app.log.warn({ err }, 'could not send an account email'));
}
