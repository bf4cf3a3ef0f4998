import { z } from 'zod';
import {
  adminDateSchema,
  noOverlaps,
  openingHoursSchema,
  optionalText,
  requiredText,
  timesInOrder,
  wallEndTimeSchema,
  wallTimeSchema,
  weekdaySchema,
} from './admin';

// ---------------------------------------------------------------- providers & schedules

export const providerHoursSchema = openingHoursSchema.and(z.object({ locationId: z.string().min(1) }));

export const providerInputSchema = z.strictObject({
  name: requiredText(200),
  credentials: optionalText(200),
  bio: optionalText(2000),
  /** A clinician account this provider profile belongs to. */
  userId: z.string().min(1).nullable().optional(),
  locationId: z.string().min(1, 'Choose a location'),
  active: z.boolean().default(true),
  appointmentTypeIds: z.array(z.string().min(1)).max(100).default([]),
});
export type ProviderInput = z.input<typeof providerInputSchema>;

export const weeklyHoursInputSchema = z.strictObject({
  hours: z
    .array(
      z
        .object({
          locationId: z.string().min(1),
          weekday: weekdaySchema,
          start: wallTimeSchema,
          end: wallEndTimeSchema,
        })
        .refine((h) => timesInOrder(h.start, h.end), {
          message: 'End must be after start',
          path: ['end'],
        }),
    )
    .max(70)
    .superRefine(noOverlaps),
});
export type WeeklyHoursInput = z.infer<typeof weeklyHoursInputSchema>;

export const adminProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  credentials: z.string().nullable(),
  bio: z.string().nullable(),
  userId: z.string().nullable(),
  locationId: z.string(),
  active: z.boolean(),
  /** The portrait's public address (versioned), or null. */
  photoUrl: z.string().nullable(),
  appointmentTypeIds: z.array(z.string()),
  hours: z.array(
    z.object({ locationId: z.string(), weekday: z.number(), start: z.string(), end: z.string() }),
  ),
});
export type AdminProvider = z.infer<typeof adminProviderSchema>;

export const exceptionInputSchema = z
  .strictObject({
    date: adminDateSchema,
    kind: z.enum(['off', 'extra'], 'Choose time off or extra hours'),
    start: wallTimeSchema.nullable().optional(),
    end: wallEndTimeSchema.nullable().optional(),
    reason: optionalText(200),
  })
  .refine((e) => e.kind === 'off' || (e.start && e.end), {
    message: 'Extra hours need a start and an end',
    path: ['start'],
  })
  .refine((e) => !e.start === !e.end, { message: 'Give both start and end, or neither', path: ['end'] })
  .refine((e) => !e.start || !e.end || timesInOrder(e.start, e.end), {
    message: 'End must be after start',
    path: ['end'],
  });
export type ExceptionInput = z.infer<typeof exceptionInputSchema>;

export const scheduleExceptionSchema = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(['off', 'extra']),
  start: z.string().nullable(),
  end: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ScheduleException = z.infer<typeof scheduleExceptionSchema>;

/** A booked appointment that a new exception or closure would leave without its clinician. */
export const scheduleConflictSchema = z.object({
  appointmentId: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  patientName: z.string(),
  typeName: z.string(),
  /** ISO-8601 UTC. */
  start: z.string(),
  end: z.string(),
});
export type ScheduleConflict = z.infer<typeof scheduleConflictSchema>;

// ---------------------------------------------------------------- rooms & catalogue

export const resourceInputSchema = z.strictObject({
  name: requiredText(200),
  kind: z.enum(['room', 'equipment'], 'Choose room or equipment'),
  locationId: z.string().min(1, 'Choose a location'),
});
export const adminResourceSchema = resourceInputSchema.extend({ id: z.string(), kind: z.string() });
export type AdminResource = z.infer<typeof adminResourceSchema>;

const minutesField = (max: number) => z.number().int().min(0, 'Cannot be negative').max(max);

export const appointmentTypeInputSchema = z
  .strictObject({
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case letters, digits and hyphens, like prp-session')
      .max(60),
    name: requiredText(120),
    description: z.string().trim().max(2000).default(''),
    durationMinutes: z.number().int().min(5, 'At least 5 minutes').max(720, 'At most 12 hours'),
    bufferBeforeMinutes: minutesField(240).default(0),
    bufferAfterMinutes: minutesField(240).default(0),
    isPublic: z.boolean(),
    guestAllowed: z.boolean().default(false),
    /** Integer cents. */
    priceCents: z.number().int('Whole cents only').min(0, 'A price cannot be negative').max(100_000_000),
    depositNote: optionalText(500),
    treatmentSlug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case letters, digits and hyphens')
      .nullable()
      .optional(),
    minNoticeMinutes: minutesField(60 * 24 * 30).default(120),
    horizonDays: z.number().int().min(1, 'At least 1 day').max(730),
    slotStepMinutes: z.number().int().min(5, 'At least 5 minutes').max(240),
    active: z.boolean().default(true),
    providerIds: z.array(z.string().min(1)).max(100).default([]),
    resourceIds: z.array(z.string().min(1)).max(20).default([]),
  })
  .refine((t) => t.isPublic || !t.guestAllowed, {
    message: 'Guests can only book types that are public',
    path: ['guestAllowed'],
  });
export type AppointmentTypeInput = z.input<typeof appointmentTypeInputSchema>;

export const adminAppointmentTypeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  durationMinutes: z.number(),
  bufferBeforeMinutes: z.number(),
  bufferAfterMinutes: z.number(),
  isPublic: z.boolean(),
  guestAllowed: z.boolean(),
  priceCents: z.number(),
  depositNote: z.string().nullable(),
  treatmentSlug: z.string().nullable(),
  minNoticeMinutes: z.number(),
  horizonDays: z.number(),
  slotStepMinutes: z.number(),
  active: z.boolean(),
  providerIds: z.array(z.string()),
  resourceIds: z.array(z.string()),
});
export type AdminAppointmentType = z.infer<typeof adminAppointmentTypeSchema>;

export const adminIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });
