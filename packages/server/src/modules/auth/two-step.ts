import type { Actor } from '@anagen/core/access';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { keyringFor, openSecret, SecretKeyMissingError, sealSecret } from '../../lib/secret-box';
import { recordAudit } from '../audit/audit.service';
import { findTotpState, setTotp } from '../users/users.repository';
import { auditBy, type ClientFacts } from './auth-deps';
import { checkTotp, newTotpSecret, totpUri } from './totp';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** The TOTP key; in production without ANAGEN_SECRET_KEY two-step sign-in cannot be set up (409). */
function totpKeyring(deps: Deps) {
  try {
    return keyringFor(deps.config);
  } catch (err) {
    if (err instanceof SecretKeyMissingError)
      throw new AppError(
        'CONFLICT',
        'Two-step sign-in is not available yet: the server has no ANAGEN_SECRET_KEY. Ask your administrator.',
      );
    throw err;
  }
}

/** Whether two-step sign-in is on for a staff member. */
export async function twoStepStatus(deps: Deps, actor: Actor): Promise<{ enabled: boolean }> {
  const state = await findTotpState(deps.db.kysely, actor.userId);
  return { enabled: Boolean(state?.totp_enabled) };
}

/** Starts two-step sign-in: a new secret for an authenticator app, stored sealed until confirmed. */
export async function setUpTwoStep(
  deps: Deps,
  actor: Actor,
  input: ClientFacts,
): Promise<{ secret: string; otpauthUri: string }> {
  const { db } = deps;
  const state = await findTotpState(db.kysely, actor.userId);
  if (!state) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
  if (state.totp_enabled)
    throw new AppError('CONFLICT', 'Two-step sign-in is already on. Turn it off first to change the app.');
  const secret = newTotpSecret();
  await setTotp(db.kysely, actor.userId, {
    totp_secret: sealSecret(totpKeyring(deps), secret),
    totp_enabled: 0,
    totp_last_step: null,
  });
  await recordAudit(db.kysely, auditBy(deps, actor, input.ip)(), {
    action: 'auth.totp.setup',
    resource: 'user',
    resourceId: actor.userId,
  });
  return { secret, otpauthUri: totpUri(secret, state.email, 'Anagen') };
}

/** Turns two-step sign-in on once a code from the app matches the secret set up. */
export async function enableTwoStep(
  deps: Deps,
  actor: Actor,
  input: { code: string } & ClientFacts,
): Promise<void> {
  const { db, clock } = deps;
  const state = await findTotpState(db.kysely, actor.userId);
  if (!state?.totp_secret) throw new AppError('CONFLICT', 'Start the set-up first.');
  const step = await checkTotp(
    openSecret(totpKeyring(deps), state.totp_secret),
    input.code,
    clock.now(),
    state.totp_last_step,
  );
  if (step === null)
    throw new AppError(
      'TOTP_INVALID',
      'That code is not correct. Check the time on your phone and try again.',
    );
  await setTotp(db.kysely, actor.userId, { totp_enabled: 1, totp_last_step: step });
  await recordAudit(db.kysely, auditBy(deps, actor, input.ip)(), {
    action: 'auth.totp.enabled',
    resource: 'user',
    resourceId: actor.userId,
  });
}

/** Turns two-step sign-in off; a current code is required, so a stolen session alone cannot. */
export async function disableTwoStep(
  deps: Deps,
  actor: Actor,
  input: { code: string } & ClientFacts,
): Promise<void> {
  const { db, clock } = deps;
  const state = await findTotpState(db.kysely, actor.userId);
  if (!state?.totp_enabled || !state.totp_secret)
    throw new AppError('CONFLICT', 'Two-step sign-in is not on.');
  const step = await checkTotp(
    openSecret(totpKeyring(deps), state.totp_secret),
    input.code,
    clock.now(),
    state.totp_last_step,
  );
  if (step === null) throw new AppError('TOTP_INVALID', 'That code is not correct.');
  await setTotp(db.kysely, actor.userId, { totp_enabled: 0, totp_secret: null, totp_last_step: null });
  await recordAudit(db.kysely, auditBy(deps, actor, input.ip)(), {
    action: 'auth.totp.disabled',
    resource: 'user',
    resourceId: actor.userId,
  });
}
