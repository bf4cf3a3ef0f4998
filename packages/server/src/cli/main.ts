import { ROLES, type Role } from '@anagen/core/access';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import type { InitOptions } from './commands/init';

/** Thrown by a command that finished with a non-zero exit code it has already explained. */
const loadConfig = async (): Promise<Config> => (await import('../config')).loadConfig();
const systemClock = async (): Promise<Clock> => (await import('../lib/clock')).systemClock;

class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

// Each command's module is imported when that command runs, so `anagen --help` (and every other
// command) does not load the analysis engine, sharp, the database drivers and the web server.
export function buildCli(): Command {
  const program = new Command('anagen')
    .description('Anagen clinic platform: server and operations')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('serve')
    .description('run the web app and API (same as npm start)')
    .action(async () => {
      const { serve } = await import('../main');
      await serve();
    });

  program
    .command('init')
    .description(
      'set up a real clinic and its first admin on an empty database; password from ANAGEN_PASSWORD or a prompt',
    )
    .requiredOption('--clinic-name <name>', "the clinic's name")
    .requiredOption('--time-zone <zone>', 'IANA time zone of the clinic, e.g. Europe/Berlin')
    .requiredOption('--admin-email <email>', "the first admin's email (their sign-in)")
    .requiredOption('--admin-name <name>', "the first admin's full name")
    .option('--phone <phone>', "the clinic's phone, shown with urgent side-effect advice")
    .option('--clinic-email <email>', "the clinic's contact email (default: the admin's)")
    .action(async (opts: InitOptions) =>
      (await import('./commands/init')).initCommand(await loadConfig(), await systemClock(), opts),
    );

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => (await import('./commands/migrate')).migrateCommand(await loadConfig()));

  program
    .command('seed-demo')
    .description('load the demo clinic (safe to run twice)')
    .action(async () =>
      (await import('./commands/seed-demo')).seedDemoCommand(await loadConfig(), await systemClock()),
    );

  const user = program.command('user').description('manage user accounts');
  user
    .command('add')
    .description('create a staff (or patient) account; password from ANAGEN_PASSWORD or a prompt')
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (v: string): Role => {
      if (!(ROLES as readonly string[]).includes(v))
        throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
      return v as Role;
    })
    .action(async (opts: { email: string; name: string; role: Role }) =>
      (await import('./commands/user-add')).userAddCommand(await loadConfig(), await systemClock(), opts),
    );

  program
    .command('analyze')
    .description('measure hair count, density, shaft diameter and vellus ratio in trichoscopy images')
    .argument('<image...>', 'JPEG, PNG, WebP or TIFF files')
    .requiredOption('--um-per-px <F>', 'calibration: micrometres per pixel (e.g. 8)', Number.parseFloat)
    .option('--json', 'print the analysis JSON (one object, or an array for several images)', false)
    .option('--overlay <dir>', 'write an annotated PNG per image into this folder')
    .action(async (files: string[], opts: { umPerPx: number; json: boolean; overlay?: string }) => {
      const code = await (await import('./commands/analyze')).runAnalyze(
        files,
        { umPerPx: opts.umPerPx, json: opts.json, ...(opts.overlay ? { overlay: opts.overlay } : {}) },
        { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
      );
      if (code !== 0) throw new CliExit(code);
    });

  program
    .command('export-fhir')
    .description("print a patient's record as a FHIR R4 Bundle (Patient/$everything)")
    .requiredOption('--patient <id>', 'patient id')
    .action(async (opts: { patient: string }) =>
      (await import('./commands/export-fhir')).exportFhirCommand(
        await loadConfig(),
        await systemClock(),
        opts.patient,
      ),
    );

  program
    .command('export-verified <dir>')
    .description(
      'write the clinician-verified trichoscopy images with VOC root→tip annotations (no patient identifiers), for the engine bench',
    )
    .action(async (dir: string) =>
      (await import('./commands/export-verified')).exportVerifiedCommand(
        await loadConfig(),
        await systemClock(),
        dir,
      ),
    );

  program
    .command('backup <file>')
    .description('write a consistent snapshot of the database and photo files (safe while serving)')
    .action(async (file: string) =>
      (await import('./commands/backup')).backupCommand(await loadConfig(), await systemClock(), file),
    );

  program
    .command('prune-published')
    .description(
      'list published result files no publication names any more (left by photos deleted earlier); --apply deletes them',
    )
    .option('--apply', 'delete them (without it, only list them)', false)
    .action(async (opts: { apply: boolean }) =>
      (await import('./commands/prune-published')).prunePublishedCommand(
        await loadConfig(),
        await systemClock(),
        opts,
      ),
    );

  program
    .command('rotate-secrets')
    .description(
      're-encrypt stored two-step sign-in secrets under ANAGEN_SECRET_KEY (reads ANAGEN_SECRET_KEY_PREVIOUS)',
    )
    .action(async () => (await import('./commands/rotate-secrets')).rotateSecretsCommand(await loadConfig()));

  program
    .command('restore <file>')
    .description('load a backup into an empty data dir or empty database')
    .action(async (file: string) =>
      (await import('./commands/restore')).restoreCommand(await loadConfig(), file),
    );

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof CliExit) return err.exitCode;
    console.error(`anagen: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const code = await runCli(process.argv.slice(2));
if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
