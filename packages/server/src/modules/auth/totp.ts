import { generateSecret, generateURI, verify } from 'otplib';

const STEP_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string, issuer: string): string {
  return generateURI({ issuer, label: email, secret });
}

/**
 * Checks a 6-digit code at `now` allowing one step of clock drift either way. Returns the time step
 * it matched, so the caller can refuse the same code twice (replay), or null when it is wrong.
 */
export async function checkTotp(
  secret: string,
  code: string,
  now: number,
  lastStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(now / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: STEP_SECONDS });
  if (!result.valid) return null;
  const step =
    'timeStep' in result && typeof result.timeStep === 'number'
      ? result.timeStep
      : Math.floor(epoch / STEP_SECONDS);
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
