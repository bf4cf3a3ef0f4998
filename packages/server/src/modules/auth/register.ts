import type { Actor } from '@anagen/core/access';
import type { RegisterRequest, RegisterResponse } from '@anagen/core/contracts';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { type AuditActor, recordAudit } from '../audit/audit.service';
import { addAccount } from '../users/add-account';
import { findUserByEmail } from '../users/users.repository';
import { sendAccountMailInBackground } from './account-mail';
import { issueAccountToken } from './account-tokens.repository';
import { isUniqueViolation } from './auth.service';
import { type AuthDeps, auditBy, type ClientFacts } from './auth-deps';
import { takeAttempt, WINDOW_MS } from './login-throttle';
import { hashPassword } from './password';

const CHECK_EMAIL: RegisterResponse = {
  status: 'check-email',
  detail:
    'Check your email: we sent you a link to confirm your address before your account can be used for your records.',
};

/**
 * Registration answers the same whether or not the email has an account (issue 17 item 5): a new
 * address gets a verification link, a known one a note to its owner. No session is started here,
 * because starting one only for new addresses would reveal the difference; the person signs in
 * after registering. The new account always gets its own, empty patient record: until the address
 * is verified it sees only what it created itself.
 */
export async function register(
  deps: AuthDeps,
  actor: Actor | null,
  input: RegisterRequest & ClientFacts,
): Promise<RegisterResponse> {
  const { db, clock, config } = deps;
  const by = auditBy(deps, actor, input.ip);
  if (config.rateLimits && !(await takeAttempt(db.kysely, `ip:${input.ip}`, clock.now()))) {
    await recordAudit(db.kysely, by(), { action: 'auth.rate-limited', resource: 'session' });
    throw new AppError('TOO_MANY_ATTEMPTS', 'Too many sign-in attempts from your address. Try again later.', {
      retryAfterSeconds: WINDOW_MS / 1000,
    });
  }
  const now = clock.now();
  // Hashed on both paths so that the response time does not tell them apart either.
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(db.kysely, input.email);
  if (existing) {
    await alreadyRegistered(deps, by(), existing);
    return CHECK_EMAIL;
  }
  const userId = newId();
  const patientId = newId();
  let link: { token: string; expiresAt: number };
  try {
    link = await db.kysely.transaction().execute(async (trx) => {
      await addAccount(
        trx,
        {
          id: userId,
          patientId,
          email: input.email,
          name: input.name,
          role: 'patient',
          passwordHash,
          emailVerified: false,
        },
        now,
      );
      return issueAccountToken(trx, userId, 'verify-email', now);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Two registrations raced for one address: the loser is told the same as everyone else.
    const winner = await findUserByEmail(db.kysely, input.email);
    if (winner) await alreadyRegistered(deps, by(), winner);
    return CHECK_EMAIL;
  }
  await recordAudit(db.kysely, by(), {
    action: 'auth.register',
    resource: 'user',
    resourceId: userId,
    patientId,
  });
  sendAccountMailInBackground(
    deps,
    { email: input.email, name: input.name },
    { kind: 'verify-email', ...link },
  );
  return CHECK_EMAIL;
}

async function alreadyRegistered(
  deps: AuthDeps,
  by: AuditActor,
  user: { id: string; email: string; name: string; active: number },
): Promise<void> {
  await recordAudit(deps.db.kysely, by, {
    action: 'auth.register.existing-email',
    resource: 'user',
    resourceId: user.id,
  });
  if (user.active) sendAccountMailInBackground(deps, user, { kind: 'already-registered' });
}
