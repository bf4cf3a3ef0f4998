import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// These tests keep the server in the shape docs/architecture.md describes: thin routes, use cases that
// do not need an HTTP request, SQL only in repositories. A `KNOWN_*` list names what has not been moved
// yet; it may only shrink — a new file breaking a rule fails, and so does a listed file that no longer
// breaks it (take it off the list).
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(SRC, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(SRC, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function read(file: string): string {
  // Comments may name queries or fastify; only code counts.
  return fs
    .readFileSync(path.join(SRC, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\bsql<[^>]*>`/;
const TRANSACTION = /\.transaction\(\)/;
const FASTIFY_IMPORT = /from\s+['"](fastify|@fastify\/[^'"]+|fastify-[^'"]+)['"]/;

// Files whose job is SQL, or loading demo and test data (the demo module is nothing else), may hold queries.
const MAY_QUERY = /(\.repository\.ts|\.table\.ts|\.seed\.ts|\.factory\.ts|^modules\/demo\/.*\.ts)$/;
// Files that wire modules into fastify may import it; every other module file is a use case,
// a repository, a job or pure logic, and must run without an HTTP server.
const MAY_IMPORT_FASTIFY = /(\.routes\.ts|\.plugin\.ts|^modules\/index\.ts)$/;

const KNOWN_QUERIES_IN_ROUTES: string[] = [
  'modules/admin/catalogue.routes.ts',
  'modules/admin/clinic.routes.ts',
  'modules/admin/exceptions.routes.ts',
  'modules/admin/locations.routes.ts',
  'modules/admin/providers.routes.ts',
  'modules/admin/staff.routes.ts',
  'modules/account/account.routes.ts',
  'modules/appointments/appointments.routes.ts',
  'modules/appointments/availability.routes.ts',
  'modules/appointments/calendar.routes.ts',
  'modules/auth/change-password.routes.ts',
  'modules/auth/self-service.routes.ts',
  'modules/documents/documents.routes.ts',
  'modules/measurements/measurements.routes.ts',
  'modules/patients/merge.routes.ts',
  'modules/side-effects/side-effects.routes.ts',
  'modules/treatment-prices/treatment-prices.routes.ts',
  'modules/treatment-sessions/treatment-sessions.routes.ts',
  'modules/uploads/uploads.routes.ts',
];

const KNOWN_QUERIES_OUTSIDE_REPOSITORIES: string[] = [
  'modules/admin/opening-hours-check.ts',
  'modules/admin/references.ts',
  'modules/admin/schedule-conflicts.ts',
  'modules/admin/staff-mail.ts',
  'modules/appointments/booking-lock.ts',
  'modules/appointments/confirm-attendance.ts',
  'modules/appointments/guest-throttle.ts',
  'modules/appointments/manage-appointment.ts',
  'modules/appointments/notice.job.ts',
  'modules/appointments/notices.ts',
  'modules/assessments/assessment-summary.ts',
  'modules/auth/account-mail.ts',
  'modules/auth/login-throttle.ts',
  'modules/auth/unknown-email-lock.ts',
  'modules/backup/backup.service.ts',
  'modules/backup/restore.service.ts',
  'modules/backup/table-source.ts',
  'modules/care-templates/care-settings.ts',
  'modules/measurements/patient-treatment.ts',
  'modules/patients/merge-patients.ts',
  'modules/patients/patient-access.ts',
  'modules/photos/delete-photo.ts',
  'modules/plans/consultation-rule.ts',
  'modules/preparation/care-jobs.ts',
  'modules/preparation/preparation.service.ts',
  'modules/preparation/test-appointment.ts',
  'modules/setup/create-clinic.ts',
  'modules/setup/demo-guard.ts',
  'modules/side-effects/follow-up.job.ts',
  'modules/side-effects/side-effects.service.ts',
  'modules/side-effects/urgent-alert.job.ts',
  'modules/treatment-sessions/treatment-sessions.service.ts',
  'modules/uploads/upload-policy.ts',
  'lib/secret-box.ts',
];

const KNOWN_FASTIFY_IN_USE_CASES: string[] = [
  'modules/admin/admin-audit.ts',
  'modules/admin/staff-mail.ts',
  'modules/appointments/book-appointment.ts',
  'modules/appointments/book-series.ts',
  'modules/appointments/confirm-attendance.ts',
  'modules/appointments/guest-throttle.ts',
  'modules/appointments/manage-appointment.ts',
  'modules/appointments/undo-appointment.ts',
  'modules/audit/audit.service.ts',
  'modules/auth/account-mail.ts',
  'modules/auth/auth.service.ts',
  'modules/patients/patient-access.ts',
  'modules/photos/delete-photo.ts',
  'modules/photos/read-upload.ts',
  'modules/uploads/upload-policy.ts',
];

describe('module shape', () => {
  const files = [...sourceFiles('modules'), ...sourceFiles('lib'), ...sourceFiles('cli')].sort();

  it('routes hold no SQL and open no transactions (that is a use case’s job)', () => {
    const offenders = files.filter(
      (f) => f.endsWith('.routes.ts') && (QUERY.test(read(f)) || TRANSACTION.test(read(f))),
    );
    expect(offenders).toEqual([...KNOWN_QUERIES_IN_ROUTES].sort());
  });

  it('SQL lives in repositories (and demo/test data loaders), nowhere else', () => {
    const offenders = files.filter(
      (f) => !f.endsWith('.routes.ts') && !MAY_QUERY.test(f) && QUERY.test(read(f)),
    );
    expect(offenders).toEqual([...KNOWN_QUERIES_OUTSIDE_REPOSITORIES].sort());
  });

  it('use cases, repositories and jobs do not import fastify', () => {
    const offenders = sourceFiles('modules').filter(
      (f) => !MAY_IMPORT_FASTIFY.test(f) && FASTIFY_IMPORT.test(read(f)),
    );
    expect(offenders).toEqual([...KNOWN_FASTIFY_IN_USE_CASES].sort());
  });

  it('recognises what it looks for (so an empty list above means something)', () => {
    expect(QUERY.test("db.selectFrom('patients')")).toBe(true);
    expect(QUERY.test('await sql`select 1`.execute(db)')).toBe(true);
    expect(TRANSACTION.test('db.transaction().execute(async (trx) => {})')).toBe(true);
    expect(FASTIFY_IMPORT.test("import type { FastifyRequest } from 'fastify';")).toBe(true);
    expect(MAY_QUERY.test('modules/booking/booking.repository.ts')).toBe(true);
    expect(MAY_IMPORT_FASTIFY.test('modules/booking/book-appointment.ts')).toBe(false);
  });
});
