import { z } from 'zod';
import { emailSchema, passwordSchema } from './auth';

/** `HH:MM`, 00:00–23:59. */
export const wallTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time from 00:00 to 23:59, like 09:30');
/** An end time: like a start time, and `24:00` for "until midnight". */
export const wallEndTimeSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use a 24-hour time from 00:01 to 24:00, like 17:00');
export const adminDateSchema = z.iso.date('Use a date like 2026-12-24');

/**
 * True for IANA zone names the runtime knows (`Europe/Berlin`, `UTC`); false for offsets like
 * `+01:00` or abbreviations like `PST`, which newer runtimes also accept in Intl.DateTimeFormat.
 */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^(UTC|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+){1,2})$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isIanaTimeZone, 'Choose an IANA time zone such as America/Los_Angeles');

export const minutesOfDay = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Start before end; a malformed time is reported by its own field, not again as an ordering error. */
export const timesInOrder = (start: string, end: string) =>
  !/^\d\d:\d\d$/.test(start) || !/^\d\d:\d\d$/.test(end) || minutesOfDay(start) < minutesOfDay(end);

export const weekdaySchema = z
  .number()
  .int()
  .min(1, 'Weekday is 1 (Monday) to 7 (Sunday)')
  .max(7, 'Weekday is 1 (Monday) to 7 (Sunday)');

export const openingHoursSchema = z
  .object({ weekday: weekdaySchema, start: wallTimeSchema, end: wallEndTimeSchema })
  .refine((h) => timesInOrder(h.start, h.end), {
    message: 'End must be after start',
    path: ['end'],
  });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** Rejects two windows on the same weekday (and location, when given) that overlap. */
export function noOverlaps<T extends OpeningHours & { locationId?: string }>(
  list: T[],
  ctx: z.RefinementCtx,
): void {
  list.forEach((a, i) => {
    list.forEach((b, j) => {
      if (j <= i || a.weekday !== b.weekday) return;
      if (minutesOfDay(a.start) < minutesOfDay(b.end) && minutesOfDay(b.start) < minutesOfDay(a.end)) {
        ctx.addIssue({
          code: 'custom',
          message: 'Overlaps another window on the same day',
          path: [j, 'start'],
        });
      }
    });
  });
}

export const requiredText = (max: number) => z.string().trim().min(1, 'Required').max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{6,30}$/, 'Use digits, spaces and + ( ) - only, like +1 415 555 0134');
const websiteSchema = z
  .string()
  .trim()
  .max(300)
  .refine(
    (v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v),
    'Use a full address starting with https://',
  )
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

// ---------------------------------------------------------------- clinic & policies

export const clinicDetailsSchema = z.strictObject({
  name: requiredText(200),
  address: optionalText(500),
  /** Shown to patients on urgent side-effect advice. */
  phone: phoneSchema,
  email: emailSchema,
  website: websiteSchema,
});
export type ClinicDetails = z.infer<typeof clinicDetailsSchema>;

export const clinicSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string(),
  email: z.string(),
  website: z.string().nullable(),
});
export type ClinicInfo = z.infer<typeof clinicSchema>;

/**
 * What any visitor may know about the clinic (urgent-advice phone number included), and the zone
 * clinic times are shown and entered in: the first location's (UTC before there is one).
 */
export const publicClinicSchema = clinicSchema.omit({ id: true }).extend({
  timeZone: z.string(),
  /** The demo clinic, whose accounts have published passwords: every page says so. */
  demo: z.boolean(),
});
export type PublicClinicInfo = z.infer<typeof publicClinicSchema>;

/**
 * Booking and care rules, stored in `clinics.settings_json` under these keys — the same keys the
 * booking engine (`cancellationCutoffHours`, `reminderHours`) and the care pathway
 * (`requireConsultationBeforeProcedure`, `sideEffectReviewHours`) read.
 */
export const bookingPoliciesSchema = z.strictObject({
  /** Patients may cancel or reschedule online until this many hours before the start. */
  cancellationCutoffHours: z
    .number()
    .int()
    .min(0, 'Cannot be negative')
    .max(336, 'At most 336 hours (14 days)'),
  /** The reminder goes out this many hours before an appointment (0 = no reminder). */
  reminderHours: z.number().int().min(0, 'Cannot be negative').max(336, 'At most 336 hours (14 days)'),
  /** A procedure may only be booked after a completed consultation. */
  requireConsultationBeforeProcedure: z.boolean(),
  /** A reported side effect must be reviewed by a clinician within this many hours. */
  sideEffectReviewHours: z.number().int().min(1, 'At least 1 hour').max(168, 'At most 168 hours (7 days)'),
});
export type BookingPolicies = z.infer<typeof bookingPoliciesSchema>;

export const DEFAULT_BOOKING_POLICIES: BookingPolicies = {
  cancellationCutoffHours: 24,
  reminderHours: 24,
  requireConsultationBeforeProcedure: true,
  sideEffectReviewHours: 24,
};

/** The appointment emails a patient receives. */
export const NOTICE_KINDS = ['confirmation', 'reschedule', 'cancellation', 'reminder'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

const noticeNote = z.string().trim().max(1000, 'At most 1000 characters');

/**
 * The clinic's own words added to each appointment email (parking, what to bring, arrival time),
 * stored in `clinics.settings_json` under `noticeNotes`. Plain text, blank lines between paragraphs;
 * empty means no note. The date, place and links stay the system's, so a note cannot break them.
 */
export const noticeNotesSchema = z.strictObject({
  confirmation: noticeNote,
  reschedule: noticeNote,
  cancellation: noticeNote,
  reminder: noticeNote,
});
export type NoticeNotes = z.infer<typeof noticeNotesSchema>;

export const EMPTY_NOTICE_NOTES: NoticeNotes = {
  confirmation: '',
  reschedule: '',
  cancellation: '',
  reminder: '',
};

// ---------------------------------------------------------------- locations

export const closureSchema = z.object({
  id: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  reason: z.string().nullable(),
});
export type LocationClosure = z.infer<typeof closureSchema>;

export const locationInputSchema = z.strictObject({
  name: requiredText(200),
  timeZone: timeZoneSchema,
  address: optionalText(500),
  openingHours: z.array(openingHoursSchema).max(21).superRefine(noOverlaps),
});
export type LocationInput = z.infer<typeof locationInputSchema>;

export const adminLocationSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  address: z.string().nullable(),
  openingHours: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string() })),
  closures: z.array(closureSchema),
});
export type AdminLocation = z.infer<typeof adminLocationSchema>;

export const closureInputSchema = z
  .strictObject({
    startDate: adminDateSchema,
    endDate: adminDateSchema,
    reason: optionalText(200),
  })
  .refine((c) => c.startDate <= c.endDate, {
    message: 'End date must not be before start date',
    path: ['endDate'],
  })
  .refine((c) => (Date.parse(c.endDate) - Date.parse(c.startDate)) / 86_400_000 < 62, {
    message: 'A closure can span at most 62 days; add several for longer',
    path: ['endDate'],
  });
export type ClosureInput = z.infer<typeof closureInputSchema>;

// ---------------------------------------------------------------- staff

export const STAFF_ROLE_VALUES = ['desk', 'clinician', 'admin'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLE_VALUES, 'Choose desk, clinician or admin');

export const staffMemberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLE_VALUES),
  active: z.boolean(),
  /** Invited but no password set yet. */
  invitePending: z.boolean(),
  providerId: z.string().nullable(),
  createdAt: z.number().int(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const inviteStaffSchema = z.strictObject({
  email: emailSchema,
  name: requiredText(200),
  role: staffRoleSchema,
});
export type InviteStaff = z.infer<typeof inviteStaffSchema>;

export const updateStaffSchema = z.strictObject({
  name: requiredText(200).optional(),
  role: staffRoleSchema.optional(),
});
export type UpdateStaff = z.infer<typeof updateStaffSchema>;

export const acceptInviteSchema = z.strictObject({
  token: z.string().min(20).max(100),
  password: passwordSchema,
});
export type AcceptInvite = z.infer<typeof acceptInviteSchema>;
