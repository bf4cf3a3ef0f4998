import type {
  AppointmentTypeRules,
  BusyInterval,
  HoursException,
  IsoWeekday,
  ProviderSchedule,
} from '@anagen/core/scheduling';
import type { Kysely } from 'kysely';
import type { AppointmentTypeTable, Database } from '../../db/schema';

export interface LoadedType {
  row: AppointmentTypeTable;
  providerIds: string[];
  resourceIds: string[];
}

/** Appointment durations plus buffers never exceed this; lets range queries use the start index. */
export const MAX_BUSY_SPAN_MS = 2 * 86_400_000;

/** One query: the type with its providers and resources (a small providers × resources join). */
export async function findTypeBySlug(db: Kysely<Database>, slug: string): Promise<LoadedType | null> {
  const rows = await db
    .selectFrom('appointment_types')
    .leftJoin('appointment_type_providers as atp', 'atp.type_id', 'appointment_types.id')
    .leftJoin('appointment_type_resources as atr', 'atr.type_id', 'appointment_types.id')
    .selectAll('appointment_types')
    .select(['atp.provider_id', 'atr.resource_id'])
    .where('appointment_types.slug', '=', slug)
    .where('appointment_types.active', '=', 1)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const { provider_id: _p, resource_id: _r, ...row } = first;
  const providerIds = new Set<string>();
  const resourceIds = new Set<string>();
  for (const r of rows) {
    if (r.provider_id) providerIds.add(r.provider_id);
    if (r.resource_id) resourceIds.add(r.resource_id);
  }
  return { row, providerIds: [...providerIds].sort(), resourceIds: [...resourceIds].sort() };
}

export async function findTypeById(db: Kysely<Database>, id: string): Promise<LoadedType | null> {
  const row = await db.selectFrom('appointment_types').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? withLinks(db, row) : null;
}

async function withLinks(db: Kysely<Database>, row: AppointmentTypeTable): Promise<LoadedType> {
  const links = await db
    .selectFrom('appointment_type_providers')
    .select(['provider_id as id', (eb) => eb.val('p').as('k')])
    .where('type_id', '=', row.id)
    .unionAll(
      db
        .selectFrom('appointment_type_resources')
        .select(['resource_id as id', (eb) => eb.val('r').as('k')])
        .where('type_id', '=', row.id),
    )
    .execute();
  const providerIds: string[] = [];
  const resourceIds: string[] = [];
  for (const l of links) (l.k === 'p' ? providerIds : resourceIds).push(l.id);
  providerIds.sort();
  resourceIds.sort();
  return { row, providerIds, resourceIds };
}

export async function listTypes(db: Kysely<Database>, publicOnly: boolean): Promise<LoadedType[]> {
  let q = db.selectFrom('appointment_types').selectAll().where('active', '=', 1);
  if (publicOnly) q = q.where('is_public', '=', 1);
  const rows = await q.orderBy('duration_minutes').orderBy('name').execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [providers, resources] = await Promise.all([
    db.selectFrom('appointment_type_providers').selectAll().where('type_id', 'in', ids).execute(),
    db.selectFrom('appointment_type_resources').selectAll().where('type_id', 'in', ids).execute(),
  ]);
  return rows.map((row) => ({
    row,
    providerIds: providers
      .filter((p) => p.type_id === row.id)
      .map((p) => p.provider_id)
      .sort(),
    resourceIds: resources
      .filter((r) => r.type_id === row.id)
      .map((r) => r.resource_id)
      .sort(),
  }));
}

export function typeRules(t: LoadedType): AppointmentTypeRules {
  return {
    id: t.row.id,
    durationMinutes: t.row.duration_minutes,
    bufferBeforeMinutes: t.row.buffer_before_minutes,
    bufferAfterMinutes: t.row.buffer_after_minutes,
    providerIds: t.providerIds,
    resourceIds: t.resourceIds,
    minNoticeMinutes: t.row.min_notice_minutes,
    horizonDays: t.row.horizon_days,
    slotStepMinutes: t.row.slot_step_minutes,
  };
}

export interface ProviderWithLocation {
  id: string;
  name: string;
  locationId: string;
  locationName: string;
  timeZone: string;
  clinicId: string;
  settingsJson: string;
}

export async function findProvidersWithLocation(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<ProviderWithLocation[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('providers')
    .innerJoin('locations', 'locations.id', 'providers.location_id')
    .innerJoin('clinics', 'clinics.id', 'locations.clinic_id')
    .select([
      'clinics.settings_json as settingsJson',
      'providers.id',
      'providers.name',
      'locations.id as locationId',
      'locations.name as locationName',
      'locations.time_zone as timeZone',
      'locations.clinic_id as clinicId',
    ])
    .where('providers.id', 'in', ids)
    .where('providers.active', '=', 1)
    .orderBy('providers.id')
    .execute();
}

/**
 * Weekly hours and dated exceptions of the given providers (exceptions between two local dates,
 * inclusive). Two queries whatever the number of providers.
 */
export async function loadProviderSchedules(
  db: Kysely<Database>,
  providerIds: readonly string[],
  locationId: string,
  fromDate: string,
  toDate: string,
): Promise<ProviderSchedule[]> {
  if (!providerIds.length) return [];
  const [hours, exceptions] = await Promise.all([
    db
      .selectFrom('provider_hours')
      .select(['provider_id', 'weekday', 'start_time', 'end_time'])
      .where('provider_id', 'in', providerIds)
      .where('location_id', '=', locationId)
      .execute(),
    db
      .selectFrom('provider_exceptions')
      .select(['provider_id', 'date', 'kind', 'start_time', 'end_time'])
      .where('provider_id', 'in', providerIds)
      .where('date', '>=', fromDate)
      .where('date', '<=', toDate)
      .execute(),
  ]);
  const byId = new Map<string, ProviderSchedule>();
  for (const id of providerIds) byId.set(id, { id, weeklyHours: [], exceptions: [] });
  for (const h of hours) {
    byId.get(h.provider_id)?.weeklyHours.push({
      weekday: h.weekday as IsoWeekday,
      start: h.start_time,
      end: h.end_time,
    });
  }
  for (const e of exceptions) {
    const ex: HoursException = { date: e.date, kind: e.kind };
    if (e.start_time) ex.start = e.start_time;
    if (e.end_time) ex.end = e.end_time;
    byId.get(e.provider_id)?.exceptions.push(ex);
  }
  return [...byId.values()];
}

/**
 * Everything occupying the given providers or resources inside `[fromMs, toMs)`: live appointments
 * (busy spans, buffers included), the resources they hold, and blocks. One query per table.
 */
export async function loadBusy(
  db: Kysely<Database>,
  providerIds: readonly string[],
  resourceIds: readonly string[],
  fromMs: number,
  toMs: number,
  excludeAppointmentId?: string,
): Promise<BusyInterval[]> {
  const busy: BusyInterval[] = [];
  const lower = fromMs - MAX_BUSY_SPAN_MS;
  const [appts, held, blocks] = await Promise.all([
    providerIds.length
      ? db
          .selectFrom('appointments')
          .select(['id', 'provider_id', 'busy_start_at', 'busy_end_at'])
          .where('provider_id', 'in', providerIds)
          .where('status', '<>', 'cancelled')
          .where('busy_start_at', '>', lower)
          .where('busy_start_at', '<', toMs)
          .where('busy_end_at', '>', fromMs)
          .execute()
      : [],
    resourceIds.length
      ? db
          .selectFrom('appointment_resources')
          .innerJoin('appointments', 'appointments.id', 'appointment_resources.appointment_id')
          .select([
            'appointments.id',
            'appointment_resources.resource_id',
            'appointments.busy_start_at',
            'appointments.busy_end_at',
          ])
          .where('appointment_resources.resource_id', 'in', resourceIds)
          .where('appointments.status', '<>', 'cancelled')
          .where('appointments.busy_start_at', '>', lower)
          .where('appointments.busy_start_at', '<', toMs)
          .where('appointments.busy_end_at', '>', fromMs)
          .execute()
      : [],
    db
      .selectFrom('blocks')
      .select(['provider_id', 'resource_id', 'start_at', 'end_at'])
      .where('start_at', '<', toMs)
      .where('end_at', '>', fromMs)
      .where((eb) => {
        const ors = [];
        if (providerIds.length) ors.push(eb('provider_id', 'in', providerIds));
        if (resourceIds.length) ors.push(eb('resource_id', 'in', resourceIds));
        return ors.length ? eb.or(ors) : eb.val(false);
      })
      .execute(),
  ]);
  for (const a of appts) {
    if (a.id === excludeAppointmentId) continue;
    busy.push({ providerId: a.provider_id, start: a.busy_start_at, end: a.busy_end_at });
  }
  for (const h of held) {
    if (h.id === excludeAppointmentId) continue;
    busy.push({ resourceId: h.resource_id, start: h.busy_start_at, end: h.busy_end_at });
  }
  for (const b of blocks) {
    const entry: BusyInterval = { start: b.start_at, end: b.end_at };
    if (b.provider_id) entry.providerId = b.provider_id;
    if (b.resource_id) entry.resourceId = b.resource_id;
    busy.push(entry);
  }
  return busy;
}

export async function findResources(db: Kysely<Database>, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('resources').select(['id', 'name']).where('id', 'in', ids).execute();
}

export interface ClinicSettings {
  cancellationCutoffHours: number;
  reminderHours: number;
}

/** Clinic settings with their defaults (24 h cut-off, reminder 24 h before). */
export async function loadClinicSettings(db: Kysely<Database>, clinicId: string): Promise<ClinicSettings> {
  const row = await db
    .selectFrom('clinics')
    .select('settings_json')
    .where('id', '=', clinicId)
    .executeTakeFirst();
  return parseClinicSettings(row?.settings_json);
}

export function parseClinicSettings(json: string | undefined): ClinicSettings {
  let s: Record<string, unknown> = {};
  try {
    s = json ? (JSON.parse(json) as Record<string, unknown>) : {};
  } catch {
    s = {};
  }
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  return {
    cancellationCutoffHours: num(s.cancellationCutoffHours, 24),
    reminderHours: num(s.reminderHours, 24),
  };
}

export async function findClinic(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'email', 'phone'])
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
}
