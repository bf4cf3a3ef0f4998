import { z } from 'zod';
import { ROLES } from '../access/policy';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('Enter an email address such as name@example.com.'));
/** The demo clinic's published password (README, DESIGN.md). */
export const PUBLIC_DEMO_PASSWORD = 'anagen-demo';

// The published demo password is refused wherever a password is set, so only the demo seed can
// store it: the server's check before listening on a public address then needs to look only at the
// demo accounts (server/src/modules/setup/demo-guard.ts).
export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters')
  .refine((p) => p !== PUBLIC_DEMO_PASSWORD, 'This is the public demo password: choose another');

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200),
  /** Required for staff who turned on two-step sign-in. */
  totp: totpCodeSchema.optional(),
});

export const totpSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export const totpCodeRequestSchema = z.strictObject({ code: totpCodeSchema });

export const registerRequestSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1, 'Enter your name.').max(200),
});

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  patientId: z.string().optional(),
  /** False until the person opened the link mailed at registration; such accounts see only what they created. */
  emailVerified: z.boolean().optional(),
});

/** Registration answers the same whether or not the email already has an account (no enumeration). */
export const registerResponseSchema = z.object({ status: z.literal('check-email'), detail: z.string() });

/** A one-time link token from an email (verification, password reset, booking claim). */
export const linkTokenSchema = z.string().min(10).max(100);
export const verifyEmailRequestSchema = z.strictObject({ token: linkTokenSchema });
export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export const passwordResetSchema = z.strictObject({
  token: linkTokenSchema,
  password: passwordSchema,
  /** Required when the account has two-step sign-in on: a mailbox alone never replaces a password then. */
  totp: totpCodeSchema.optional(),
});
export const bookingClaimRequestSchema = z.strictObject({ token: linkTokenSchema });

export type LoginRequest = z.infer<typeof loginRequestSchema>;
export type RegisterRequest = z.infer<typeof registerRequestSchema>;
export type Me = z.infer<typeof meSchema>;
export type RegisterResponse = z.infer<typeof registerResponseSchema>;
export type PasswordReset = z.infer<typeof passwordResetSchema>;
