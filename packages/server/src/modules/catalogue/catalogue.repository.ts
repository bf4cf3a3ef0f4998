import type { AdminAppointmentType, AppointmentTypeInput } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export async function listResources(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('resources')
    .select(['id', 'name', 'kind', 'location_id'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, locationId: r.location_id }));
}

export async function saveResource(
  trx: Kysely<Database>,
  id: string,
  r: { name: string; kind: string; locationId: string },
  isNew: boolean,
): Promise<void> {
  const row = { name: r.name, kind: r.kind, location_id: r.locationId };
  if (isNew)
    await trx
      .insertInto('resources')
      .values({ id, ...row })
      .execute();
  else await trx.updateTable('resources').set(row).where('id', '=', id).execute();
}

export async function listAppointmentTypes(
  db: Kysely<Database>,
  id?: string,
): Promise<AdminAppointmentType[]> {
  let q = db
    .selectFrom('appointment_types')
    .select([
      'id',
      'slug',
      'name',
      'description',
      'duration_minutes',
      'buffer_before_minutes',
      'buffer_after_minutes',
      'is_public',
      'guest_allowed',
      'price_cents',
      'deposit_note',
      'treatment_slug',
      'min_notice_minutes',
      'horizon_days',
      'slot_step_minutes',
      'active',
    ])
    .orderBy('name');
  if (id) q = q.where('id', '=', id);
  const types = await q.execute();
  const [providers, resources] = await Promise.all([
    db
      .selectFrom('appointment_type_providers')
      .select(['type_id', 'provider_id'])
      .orderBy('provider_id')
      .execute(),
    db
      .selectFrom('appointment_type_resources')
      .select(['type_id', 'resource_id'])
      .orderBy('resource_id')
      .execute(),
  ]);
  return types.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    description: t.description,
    durationMinutes: t.duration_minutes,
    bufferBeforeMinutes: t.buffer_before_minutes,
    bufferAfterMinutes: t.buffer_after_minutes,
    isPublic: t.is_public === 1,
    guestAllowed: t.guest_allowed === 1,
    priceCents: t.price_cents,
    depositNote: t.deposit_note ?? null,
    treatmentSlug: t.treatment_slug,
    minNoticeMinutes: t.min_notice_minutes,
    horizonDays: t.horizon_days,
    slotStepMinutes: t.slot_step_minutes,
    active: t.active === 1,
    providerIds: providers.filter((p) => p.type_id === t.id).map((p) => p.provider_id),
    resourceIds: resources.filter((r) => r.type_id === t.id).map((r) => r.resource_id),
  }));
}

/** Inserts or updates an appointment type and replaces who performs it and what it needs. */
export async function saveAppointmentType(
  trx: Kysely<Database>,
  id: string,
  t: Required<Omit<AppointmentTypeInput, 'depositNote' | 'treatmentSlug'>> & {
    depositNote?: string | null | undefined;
    treatmentSlug?: string | null | undefined;
  },
  isNew: boolean,
): Promise<void> {
  const row = {
    slug: t.slug,
    name: t.name,
    description: t.description,
    duration_minutes: t.durationMinutes,
    buffer_before_minutes: t.bufferBeforeMinutes,
    buffer_after_minutes: t.bufferAfterMinutes,
    is_public: t.isPublic ? 1 : 0,
    guest_allowed: t.guestAllowed ? 1 : 0,
    price_cents: t.priceCents,
    deposit_note: t.depositNote ?? null,
    treatment_slug: t.treatmentSlug ?? null,
    min_notice_minutes: t.minNoticeMinutes,
    horizon_days: t.horizonDays,
    slot_step_minutes: t.slotStepMinutes,
    active: t.active ? 1 : 0,
  };
  if (isNew)
    await trx
      .insertInto('appointment_types')
      .values({ id, ...row })
      .execute();
  else await trx.updateTable('appointment_types').set(row).where('id', '=', id).execute();
  await trx.deleteFrom('appointment_type_providers').where('type_id', '=', id).execute();
  for (const providerId of new Set(t.providerIds)) {
    await trx
      .insertInto('appointment_type_providers')
      .values({ type_id: id, provider_id: providerId })
      .execute();
  }
  await trx.deleteFrom('appointment_type_resources').where('type_id', '=', id).execute();
  for (const resourceId of new Set(t.resourceIds)) {
    await trx
      .insertInto('appointment_type_resources')
      .values({ type_id: id, resource_id: resourceId })
      .execute();
  }
}
