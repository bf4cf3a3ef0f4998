import type {
  AppointmentTypeRules,
  BusyInterval,
  HoursException,
  IsoWeekday,
  ProviderSchedule,
} from '@anagen/core/scheduling';
import { type Kysely, sql } from 'kysely';
import type { AppointmentTypeTable, Database } from '../../db/schema';

export interface LoadedType {
  row: AppointmentTypeTable;
  providerIds: string[];
  resourceIds: string[];
  /** Active providers with their location, when loaded with the type (saves a query). */
  providers?: ProviderWithLocation[];
}

/** Appointment durations plus buffers never exceed this; lets range queries use the start index. */
export const MAX_BUSY_SPAN_MS = 2 * 86_400_000;

/**
 * One query: the type with its providers (and their location and clinic settings) and resources —
 * a small providers × resources join.
 */
export async function findTypeBySlug(db: Kysely<Database>, slug: string): Promise<LoadedType | null> {
  // Raw SQL: on this hot path (every availability request) building the six-join query with the
  // query builder cost more than running it.
  const { rows } = await sql<
    AppointmentTypeTable & {
      provider_id: string | null;
      resource_id: string | null;
      p_name: string | null;
      p_active: number | null;
      l_id: string | null;
      l_name: string | null;
      l_zone: string | null;
      l_clinic: string | null;
      c_settings: string | null;
    }
  >`select t.*, atp.provider_id, atr.resource_id, p.name as p_name, p.active as p_active,
          l.id as l_id, l.name as l_name, l.time_zone as l_zone, l.clinic_id as l_clinic,
          c.settings_json as c_settings
     from appointment_types t
     left join appointment_type_providers atp on atp.type_id = t.id
     left join providers p on p.id = atp.provider_id
     left join locations l on l.id = p.location_id
     left join clinics c on c.id = l.clinic_id
     left join appointment_type_resources atr on atr.type_id = t.id
    where t.slug = ${slug} and t.active = 1`.execute(db);
  const first = rows[0];
  if (!first) return null;
  const {
    provider_id: _p,
    resource_id: _r,
    p_name: _n,
    p_active: _a,
    l_id: _l,
    l_name: _ln,
    l_zone: _z,
    l_clinic: _c,
    c_settings: _s,
    ...row
  } = first;
  const providers = new Map<string, ProviderWithLocation>();
  const providerIds = new Set<string>();
  const resourceIds = new Set<string>();
  for (const r of rows) {
    if (r.provider_id) providerIds.add(r.provider_id);
    if (r.resource_id) resourceIds.add(r.resource_id);
    if (r.provider_id && r.p_active === 1 && r.l_id && !providers.has(r.provider_id)) {
      providers.set(r.provider_id, {
        id: r.provider_id,
        name: r.p_name!,
        locationId: r.l_id,
        locationName: r.l_name!,
        timeZone: r.l_zone!,
        clinicId: r.l_clinic!,
        settingsJson: r.c_settings ?? '{}',
      });
    }
  }
  return {
    row,
    providerIds: [...providerIds].sort(),
    resourceIds: [...resourceIds].sort(),
    providers: [...providers.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
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
 * inclusive), in one query whatever the number of providers.
 */
export async function loadProviderSchedules(
  db: Kysely<Database>,
  providerIds: readonly string[],
  locationId: string,
  fromDate: string,
  toDate: string,
): Promise<ProviderSchedule[]> {
  if (!providerIds.length) return [];
  const ids = sql.join(providerIds);
  const rows = await sql<{
    provider_id: string;
    kind: string;
    weekday: number | null;
    date: string | null;
    start_time: string | null;
    end_time: string | null;
  }>`select provider_id, 'hours' as kind, weekday, cast(null as text) as date, start_time, end_time
       from provider_hours where provider_id in (${ids}) and location_id = ${locationId}
     union all
     select provider_id, kind, cast(null as integer) as weekday, date, start_time, end_time
       from provider_exceptions where provider_id in (${ids}) and date >= ${fromDate} and date <= ${toDate}`.execute(
    db,
  );
  const byId = new Map<string, ProviderSchedule>();
  for (const id of providerIds) byId.set(id, { id, weeklyHours: [], exceptions: [] });
  for (const r of rows.rows) {
    const p = byId.get(r.provider_id);
    if (!p) continue;
    if (r.kind === 'hours') {
      p.weeklyHours.push({ weekday: r.weekday as IsoWeekday, start: r.start_time!, end: r.end_time! });
    } else {
      const ex: HoursException = { date: r.date!, kind: r.kind as 'off' | 'extra' };
      if (r.start_time) ex.start = r.start_time;
      if (r.end_time) ex.end = r.end_time;
      p.exceptions.push(ex);
    }
  }
  return [...byId.values()];
}

/**
 * Everything occupying the given providers or resources inside `[fromMs, toMs)`: live appointments
 * (busy spans, buffers included), the resources they hold, and blocks — one query.
 */
export async function loadBusy(
  db: Kysely<Database>,
  providerIds: readonly string[],
  resourceIds: readonly string[],
  fromMs: number,
  toMs: number,
  excludeAppointmentId?: string,
): Promise<BusyInterval[]> {
  const lower = fromMs - MAX_BUSY_SPAN_MS;
  const none = sql`(select cast(null as text))`;
  const pIds = providerIds.length ? sql.join(providerIds) : none;
  const rIds = resourceIds.length ? sql.join(resourceIds) : none;
  const exclude = excludeAppointmentId ?? '';
  const rows = await sql<{ provider_id: string | null; resource_id: string | null; s: number; e: number }>`
    select provider_id, cast(null as text) as resource_id, busy_start_at as s, busy_end_at as e
      from appointments
     where provider_id in (${pIds}) and status <> 'cancelled' and id <> ${exclude}
       and busy_start_at > ${lower} and busy_start_at < ${toMs} and busy_end_at > ${fromMs}
    union all
    select cast(null as text), ar.resource_id, a.busy_start_at, a.busy_end_at
      from appointment_resources ar join appointments a on a.id = ar.appointment_id
     where ar.resource_id in (${rIds}) and a.status <> 'cancelled' and a.id <> ${exclude}
       and a.busy_start_at > ${lower} and a.busy_start_at < ${toMs} and a.busy_end_at > ${fromMs}
    union all
    select provider_id, resource_id, start_at, end_at
      from blocks
     where (provider_id in (${pIds}) or resource_id in (${rIds}))
       and start_at < ${toMs} and end_at > ${fromMs}`.execute(db);
  const busy: BusyInterval[] = new Array(rows.rows.length);
  let i = 0;
  for (const r of rows.rows) {
    const entry: BusyInterval = { start: Number(r.s), end: Number(r.e) };
    if (r.provider_id) entry.providerId = r.provider_id;
    if (r.resource_id) entry.resourceId = r.resource_id;
    busy[i++] = entry;
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

/** Active clinicians for the public list, by name. */
export async function listActiveProviders(db: Kysely<Database>) {
  return db
    .selectFrom('providers')
    .select(['id', 'name', 'credentials', 'bio', 'photo_key'])
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
}

export async function findProviderPhotoKey(db: Kysely<Database>, id: string) {
  return db.selectFrom('providers').select(['photo_key', 'active']).where('id', '=', id).executeTakeFirst();
}
