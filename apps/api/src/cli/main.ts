#!/usr/bin/env node
import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { serve } from './serve.js';
import { migrate } from './migrate.js';
import { printSchema } from './schema.js';
import { seedDemo } from './seed-demo.js';
import { importRecords } from './import.js';
import { ltvFit, ltvLoadCdnow, ltvRecompute } from './ltv.js';
import { importEvents } from './events-import.js';
import { createSource, listSources, revokeSource } from './sources.js';
import { createKey, createUser, exportPerson, listKeys, listUsers, revokeKey, updateUser } from './access.js';
import { refreshSegments } from '../modules/segments/segments.cli.js';

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('a port number (0-65535)');
  return parsed;
}

const program = new Command()
  .name('spine')
  .description('Spine: an open-source customer data platform built around an identity graph.\nConfiguration comes from environment variables (see README.md).')
  .showHelpAfterError();

program
  .command('serve')
  .description('Start the API and console (and the embedded PostgreSQL unless DATABASE_URL is set); seeds demo data into an empty database (not with NODE_ENV=production)')
  .option('--no-demo', 'start with an empty database: no demo data')
  .option('-p, --port <port>', 'HTTP port (default: PORT or 4000)', port)
  .action((options: { demo: boolean; port?: number }) => serve(options));

program
  .command('migrate')
  .description('Apply pending database migrations (or revert the last one)')
  .option('--revert', 'revert the most recent migration')
  .action((options: { revert?: boolean }) => migrate(options));

program
  .command('seed-demo')
  .description('Load the demo data set (about 2,000 persons with identities, events, traits and consents)')
  .option('--force', 'seed even when the database already has persons')
  .action((options: { force?: boolean }) => seedDemo(options));

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('a positive integer');
  return parsed;
}

program
  .command('import')
  .description('Resolve a provider export (NDJSON, one record a line, or CSV with a header) into persons; prints the metrics')
  .argument('<file>', 'records: {provider, externalId, email, phone, firstName, lastName, address, observedAt}')
  .option('--provider <name>', 'provider for records that name none')
  .option('--batch-size <n>', 'records resolved per transaction', positiveInt)
  .option('--rejects <file>', 'write every rejected record (line, reason) to this NDJSON file')
  .option('--issues <file>', 'write every record kept without some of its values (line, what was dropped and why) to this NDJSON file')
  .option('--json', 'print the metrics as JSON')
  .option('--no-progress', 'no progress bar')
  .action((file: string, options) => importRecords(file, options));

const events = program.command('events').description('Tracked events');
events
  .command('import')
  .description('Store Segment-spec messages (NDJSON, one a line) as POST /v1/batch does; idempotent by messageId; prints the metrics')
  .argument('<file>', 'one identify/track/page/screen/alias/group message a line')
  .option('--source <name>', 'attribute the events to this source (its provider owns the userIds)')
  .option('--provider <name>', 'without --source: the provider of the userIds (default: app)')
  .option('--batch-size <n>', 'messages stored per transaction (default 500)', positiveInt)
  .option('--rejects <file>', 'write every rejected line (line, reason) to this NDJSON file')
  .option('--json', 'print the metrics as JSON')
  .option('--no-progress', 'no progress bar')
  .action((file: string, options) => importEvents(file, options));

const sources = program.command('sources').description('Sources that send events to /v1 and their write keys');
sources
  .command('create')
  .description('Create a source and print its write key (shown once; only its SHA-256 is stored)')
  .argument('<name>', 'e.g. web, ios, backend')
  .requiredOption('--provider <provider>', 'the provider whose ids the userIds are (e.g. app, shopify)')
  .option('--json', 'print the source and key as JSON')
  .action((name: string, options: { provider: string; json?: boolean }) => createSource(name, options));
sources
  .command('list')
  .description('List sources (keys are shown by their prefix only)')
  .option('--json', 'print as JSON')
  .action((options: { json?: boolean }) => listSources(options));
sources
  .command('revoke')
  .description('Revoke the write key of a source')
  .argument('<name>')
  .action((name: string) => revokeSource(name));

const users = program.command('users').description('Staff accounts of the console and the API (roles: ADMIN, SUPPORT, MARKETER, VIEWER)');
users
  .command('create')
  .description('Create a staff user; prints a generated password unless --password-stdin')
  .argument('<email>')
  .requiredOption('--role <role>', 'ADMIN, SUPPORT, MARKETER or VIEWER')
  .option('--name <name>', 'display name')
  .option('--password-stdin', 'read the password from standard input (at least 10 characters)')
  .option('--json', 'print as JSON')
  .action((email: string, options) => createUser(email, options));
users
  .command('list')
  .description('List staff users')
  .option('--json', 'print as JSON')
  .action((options: { json?: boolean }) => listUsers(options));
users
  .command('update')
  .description("Change a staff user's role, disable or enable them, or set a new password; their sessions end")
  .argument('<email>')
  .option('--role <role>', 'ADMIN, SUPPORT, MARKETER or VIEWER')
  .option('--disable', 'disable the account')
  .option('--enable', 'enable the account again')
  .option('--password-stdin', 'read a new password from standard input')
  .action((email: string, options) => updateUser(email, options));

const keys = program.command('keys').description('API keys for servers and frontend clients');
keys
  .command('create')
  .description('Create an API key and print it (shown once; only its SHA-256 is stored)')
  .argument('<name>')
  .requiredOption('--scope <scope...>', 'graph:read (PII masked), pii:read (with graph:read), ingest:write')
  .option('--source <name>', 'bind an ingest:write key to this source (it sends as its provider only)')
  .option('--json', 'print as JSON')
  .action((name: string, options) => createKey(name, options));
keys
  .command('list')
  .description('List API keys (by prefix; revoked ones too)')
  .option('--json', 'print as JSON')
  .action((options: { json?: boolean }) => listKeys(options));
keys
  .command('revoke')
  .description('Revoke an API key by id')
  .argument('<id>')
  .action((id: string) => revokeKey(id));

const privacy = program.command('privacy').description('Data subject requests');
privacy
  .command('export')
  .description('Everything Spine holds on a person (and everyone merged into them) as JSON')
  .argument('<person-id>')
  .option('--out <file>', 'write to this file (mode 600) instead of standard output')
  .option('--reason <reason>', 'why, for the audit log (e.g. the ticket)')
  .action((personId: string, options) => exportPerson(personId, options));

function timeUnit(value: string): string {
  if (value !== 'day' && value !== 'week') throw new InvalidArgumentError('day or week');
  return value;
}

const ltv = program.command('ltv').description('Lifetime value and engagement (BG/NBD, Gamma-Gamma, RFM)');
ltv
  .command('fit')
  .description('Fit the models on purchases through the calibration end and keep them; prints r, alpha, a, b, p, q, gamma, the log-likelihood and the customers')
  .option('--calibration-end <date>', 'use purchases through this UTC day (YYYY-MM-DD or an ISO instant; default now)')
  .option('--time-unit <unit>', 'day or week (default SPINE_LTV_TIME_UNIT, week)', timeUnit)
  .option('--json', 'print the model as JSON')
  .action((options: { calibrationEnd?: string; timeUnit?: string; json?: boolean }) => ltvFit(options));
ltv
  .command('recompute')
  .description("Refit on all purchases and rewrite every person's lifetime value and engagement score (as the scheduled job does)")
  .option('--json', 'print the outcome as JSON')
  .action((options: { json?: boolean }) => ltvRecompute(options));
ltv
  .command('load-cdnow')
  .description('Load the CDNOW sample (customer, sample id, YYYYMMDD, CDs, dollars per line) as Order Completed events, one person per customer; idempotent')
  .argument('<file>', 'CDNOW_sample.txt')
  .option('--json', 'print the counts as JSON')
  .action((file: string, options: { json?: boolean }) => ltvLoadCdnow(file, options));

const segments = program.command('segments').description('Audience segments');
segments
  .command('refresh')
  .description('Re-evaluate every segment now (referred-to segments first), or one: prints members, entered and exited')
  .option('--id <id>', 'only this segment')
  .option('--json', 'print the outcomes as JSON')
  .action((options: { id?: string; json?: boolean }) => refreshSegments(options));

program
  .command('schema')
  .description('Print the GraphQL schema (SDL) that the API serves')
  .option('-o, --out <file>', 'write it to a file instead of stdout')
  .action((options: { out?: string }) => printSchema(options));

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`spine: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
