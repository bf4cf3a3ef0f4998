import { z } from 'zod';
import { SCALP_ZONES } from '../care/scalp-zones';

/** Standard photo views per visit, plus trichoscopy close-ups at named scalp sites. */
export const PHOTO_VIEW_VALUES = [
  'vertex',
  'frontal',
  'midline',
  'left-temple',
  'right-temple',
  'occipital',
  'trichoscopy',
] as const;
export const photoViewSchema = z.enum(PHOTO_VIEW_VALUES);
export type PhotoViewName = z.infer<typeof photoViewSchema>;

/** Trichoscopy sites from DESIGN; a clinic may add its own (same slug shape). */
export const SCALP_SITES = [
  'vertex-centre',
  'frontal',
  'midline',
  'left-temple',
  'right-temple',
  'occipital',
] as const;
export const scalpSiteSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a site is a lowercase slug such as "vertex-centre"');

/** A close-up site a clinic adds to the standard ones, drawn on the scalp diagram's `zone` if given. */
export const customScalpSiteSchema = z.strictObject({
  slug: scalpSiteSchema,
  label: z.string().trim().min(1).max(80),
  zone: z.enum(SCALP_ZONES).nullable().default(null),
});
export type CustomScalpSite = z.infer<typeof customScalpSiteSchema>;

/** The clinic's own close-up sites: unique slugs, none of them a standard site's. */
export const customScalpSitesSchema = z
  .array(customScalpSiteSchema)
  .max(30)
  .superRefine((sites, ctx) => {
    const seen = new Set<string>(SCALP_SITES);
    sites.forEach((site, i) => {
      if (seen.has(site.slug)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'slug'],
          message: (SCALP_SITES as readonly string[]).includes(site.slug)
            ? `"${site.slug}" is a standard site already`
            : `"${site.slug}" is listed twice`,
        });
      }
      seen.add(site.slug);
    });
  });

const YEAR_2000 = 946_684_800_000;
const YEAR_2200 = 7_258_118_400_000;

/**
 * An instant as ISO-8601 or epoch milliseconds; normalised to epoch ms, within 2000–2200 whichever
 * form it came in (a far-off instant is a typing mistake, and one past year 275760 cannot even
 * become a date again when it is read back).
 */
export const instantInputSchema = z
  .union([
    z.coerce.number().int().min(0),
    z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
    z.iso.date().transform((s) => Date.parse(`${s}T12:00:00Z`)),
  ])
  .refine((v) => v > YEAR_2000, 'must be after the year 2000')
  .refine((v) => v < YEAR_2200, 'must be before the year 2200');

/** Multipart text fields of `POST /api/patients/:id/photos` (the file is the `image` part). */
export const photoUploadFieldsSchema = z
  .strictObject({
    view: photoViewSchema,
    takenAt: instantInputSchema.optional(),
    site: scalpSiteSchema.optional(),
    umPerPx: z.coerce.number().positive().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.view !== 'trichoscopy') return;
    if (!v.site)
      ctx.addIssue({ code: 'custom', path: ['site'], message: 'is required for trichoscopy images' });
    if (v.umPerPx === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['umPerPx'],
        message: 'is required for trichoscopy images (µm per pixel)',
      });
    }
  });
export type PhotoUploadFields = z.infer<typeof photoUploadFieldsSchema>;

export const ANALYSIS_STATUS_VALUES = ['none', 'queued', 'done', 'failed'] as const;

export const photoSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  view: photoViewSchema,
  site: z.string().nullable(),
  umPerPx: z.number().nullable(),
  /** ISO-8601 UTC. */
  takenAt: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  imageUrl: z.string(),
  thumbnailUrl: z.string(),
  /** Whether the patient added it themself (they may remove those) or the clinic did. */
  uploadedBy: z.enum(['patient', 'clinic']),
  analysisStatus: z.enum(ANALYSIS_STATUS_VALUES),
  analysisError: z.string().nullable(),
  createdAt: z.number().int(),
});
export type Photo = z.infer<typeof photoSchema>;

export const photoListQuerySchema = z.strictObject({ view: photoViewSchema.optional() });
export const photoIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });
