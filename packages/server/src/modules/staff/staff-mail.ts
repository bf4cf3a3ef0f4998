import type { AppDeps } from '../../deps';
import type { WarnLog } from '../auth/account-mail';
import { findClinicName } from '../clinic/clinic.repository';

/**
 * Emails a one-time set-password link. A failed send is reported back rather than thrown: the
 * account change is already saved, and the admin can send a fresh link.
 */
export async function sendPasswordLink(
  app: { deps: Pick<AppDeps, 'config' | 'mailer' | 'db'>; log: WarnLog },
  to: { email: string; name: string },
  purpose: 'invite' | 'reset',
  token: string,
  expiresAt: number,
): Promise<boolean> {
  const { config, mailer } = app.deps;
  const clinicName = (await findClinicName(app.deps.db.kysely)) ?? 'the clinic';
  const link = `${config.publicUrl}/accept-invite?token=${encodeURIComponent(token)}`;
  const until = new Date(expiresAt).toUTCString();
  const subject =
    purpose === 'invite'
      ? `You are invited to ${clinicName} on Anagen`
      : `Set a new Anagen password for ${clinicName}`;
  const intro =
    purpose === 'invite'
      ? `${clinicName} has created a staff account for you on Anagen.`
      : `An administrator at ${clinicName} asked for your Anagen password to be reset.`;
  const text = [
    `Hello ${to.name},`,
    '',
    intro,
    'Choose your password here (the link works once):',
    link,
    '',
    `The link expires on ${until}. If you did not expect this message, you can ignore it.`,
  ].join('\n');
  try {
    await mailer.send({ to: to.email, subject, text });
    return true;
  } catch (err) {
    app.log.warn({ err }, 'could not send the set-password email');
    return false;
  }
}
