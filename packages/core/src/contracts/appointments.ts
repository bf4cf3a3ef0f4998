import { z } from 'zod';
import { emailSchema } from './auth';

// Contracts of the booking engine (DESIGN.md "HTTP API"): names here are relied on by clients.

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
export const localDateSchema = z.string().refine((s) => {
  const m = LOCAL_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}, 'Use a date like 2026-12-13');

/** An ISO-8601 instant with an explicit offset or `Z`. */
/** An ISO-8601 instant with offset, within 2000–2200 (outside that, date arithmetic breaks down). */
export const instantSchema = z.iso.datetime({ offset: true }).refine((s) => {
  const t = Date.parse(s);
  return t >= 946_684_800_000 && t < 7_258_118_400_000;
}, 'must be between the years 2000 and 2200');

export const appointmentStatusSchema = z.enum(['booked', 'checked-in', 'completed', 'no-show', 'cancelled']);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const appointmentTypeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  durationMinutes: z.number().int(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  isPublic: z.boolean(),
  guestAllowed: z.boolean(),
  minNoticeMinutes: z.number().int(),
  horizonDays: z.number().int(),
  priceCents: z.number().int(),
  treatmentSlug: z.string().nullable(),
  providerIds: z.array(z.string()),
  resourceIds: z.array(z.string()),
});
export type AppointmentType = z.infer<typeof appointmentTypeSchema>;

/** What anyone may know about a clinician before booking: name, credentials and their own words. */
export const publicProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  credentials: z.string().nullable(),
  bio: z.string().nullable(),
  /** The portrait's address (changes with each upload), or null. */
  photoUrl: z.string().nullable(),
});
export type PublicProvider = z.infer<typeof publicProviderSchema>;

export const availabilityQuerySchema = z.strictObject({
  type: z.string().min(1).max(100),
  from: localDateSchema,
  to: localDateSchema,
  providerId: z.string().min(1).max(100).optional(),
});
export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>;

export const slotSchema = z.object({ start: z.string(), end: z.string(), providerId: z.string() });
export type SlotDto = z.infer<typeof slotSchema>;

export const availabilitySchema = z.object({
  timeZone: z.string(),
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
  slots: z.array(slotSchema),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const guestPatientSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: emailSchema,
  phone: z.string().trim().max(40).optional(),
});

export const createAppointmentSchema = z.strictObject({
  type: z.string().min(1).max(100),
  start: instantSchema,
  providerId: z.string().min(1).max(100).optional(),
  patient: guestPatientSchema.optional(),
  /** Staff only: book for an existing patient. */
  patientId: z.string().min(1).max(100).optional(),
  notes: z.string().trim().max(2000).optional(),
  /** Staff only: why a procedure is booked before the patient has had a consultation (stored). */
  consultationOverrideReason: z.string().trim().min(1).max(500).optional(),
});
export type CreateAppointment = z.infer<typeof createAppointmentSchema>;

export const appointmentSchema = z.object({
  id: z.string(),
  status: appointmentStatusSchema,
  start: z.string(),
  end: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  type: z.string(),
  typeName: z.string(),
  durationMinutes: z.number().int(),
  timeZone: z.string(),
  locationName: z.string(),
  /** Street address of the location, where the patient goes; null when the clinic has not set it. */
  locationAddress: z.string().nullable(),
  /** An OpenStreetMap search for that address (built from it, no lookup); null without an address. */
  mapUrl: z.string().nullable(),
  /** Staff and the patient themself only; absent for token (guest link) access. */
  patientId: z.string().optional(),
  patientName: z.string().optional(),
  notes: z.string().nullable().optional(),
  resourceIds: z.array(z.string()),
  patientConfirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** Last instant a patient may cancel online (clinic cut-off). */
  cancellableUntil: z.string(),
  seriesId: z.string().nullable(),
  sequence: z.number().int(),
  manageToken: z.string().optional(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });
export const manageTokenQuerySchema = z.strictObject({ token: z.string().min(1).max(200).optional() });

/** The body may be left out entirely (Fastify then passes null). */
export const cancelAppointmentSchema = z
  .strictObject({ reason: z.string().trim().max(500).optional() })
  .nullish();
export const rescheduleAppointmentSchema = z.strictObject({
  start: instantSchema,
  providerId: z.string().min(1).max(100).optional(),
});
/**
 * The desk takes back what it just did: a booking is cancelled with the reason "undo", a move goes
 * back to where it was. Repeating the same undo changes nothing (idempotent).
 */
export const undoAppointmentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('booking') }),
  z.strictObject({
    kind: z.literal('move'),
    /** Where the appointment was before the move. */
    start: instantSchema,
    providerId: z.string().min(1).max(100),
  }),
]);
export type UndoAppointment = z.infer<typeof undoAppointmentSchema>;
/** The cancellation reason stored when the desk undoes a booking. */
export const UNDO_REASON = 'undo';
export const appointmentStatusChangeSchema = z.strictObject({
  status: z.enum(['booked', 'checked-in', 'completed', 'no-show']),
});

export const createBlockSchema = z
  .strictObject({
    providerId: z.string().min(1).max(100).optional(),
    resourceId: z.string().min(1).max(100).optional(),
    start: instantSchema,
    end: instantSchema,
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.providerId || b.resourceId, 'give a providerId or a resourceId');
export const blockSchema = z.object({
  id: z.string(),
  providerId: z.string().nullable(),
  resourceId: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  reason: z.string().nullable(),
});
export type Block = z.infer<typeof blockSchema>;

export const calendarQuerySchema = z.strictObject({ from: localDateSchema, to: localDateSchema });
export const calendarEntrySchema = z.object({
  id: z.string(),
  status: appointmentStatusSchema,
  start: z.string(),
  end: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  type: z.string(),
  typeName: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  resourceIds: z.array(z.string()),
  patientConfirmedAt: z.string().nullable(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;
export const calendarSchema = z.object({
  timeZone: z.string(),
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
  resources: z.array(z.object({ id: z.string(), name: z.string() })),
  appointments: z.array(calendarEntrySchema),
  blocks: z.array(blockSchema),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const patientAppointmentSchema = appointmentSchema.omit({ manageToken: true });

export const deliverySchema = z.object({
  id: z.string(),
  kind: z.string(),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  serverResponse: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** Staff: propose one slot per session of a treatment series (nothing is reserved). */
export const seriesProposalRequestSchema = z.strictObject({
  type: z.string().min(1).max(100),
  firstDate: localDateSchema,
  count: z.number().int().min(1).max(24),
  intervalDays: z.number().int().min(1).max(120),
  toleranceDays: z.number().int().min(0).max(14),
  providerId: z.string().min(1).max(100).optional(),
});
export const seriesProposalSchema = z.object({
  timeZone: z.string(),
  sessions: z.array(
    z.object({
      index: z.number().int(),
      targetDate: z.string(),
      slot: slotSchema.nullable(),
      alternatives: z.array(slotSchema),
    }),
  ),
});
export type SeriesProposalDto = z.infer<typeof seriesProposalSchema>;

/** Staff: book every session of a series at once; all are booked or none. */
export const createSeriesSchema = z.strictObject({
  type: z.string().min(1).max(100),
  patientId: z.string().min(1).max(100),
  sessions: z
    .array(z.strictObject({ start: instantSchema, providerId: z.string().min(1).max(100) }))
    .min(1)
    .max(24),
  notes: z.string().trim().max(2000).optional(),
  /** Why the series is booked before the patient has had a consultation (stored). */
  consultationOverrideReason: z.string().trim().min(1).max(500).optional(),
});
export const seriesSchema = z.object({ seriesId: z.string(), appointments: z.array(appointmentSchema) });

/** An OpenStreetMap search link for a street address: no lookup, no key, nothing sent anywhere. */
export function mapSearchUrl(address: string | null | undefined): string | null {
  const a = address?.trim();
  return a ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(a)}` : null;
}
