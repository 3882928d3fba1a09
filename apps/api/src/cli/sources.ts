// `spine sources create|list|revoke`: the sources that may send events to /v1, and their write keys.
import { withRuntime as withCommandRuntime, type CommandRuntime } from './with-runtime.js';
import { SourceError } from '../modules/sources/source.service.js';

const withRuntime = <T>(work: (runtime: CommandRuntime) => Promise<T>) => withCommandRuntime(work, [SourceError]);

export function createSource(name: string, options: { provider: string; json?: boolean }): Promise<void> {
  return withRuntime(async ({ db, services, config }) => {
    const { source, writeKey } = await services.sources.create(db, { name, provider: options.provider });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ id: source.id, name: source.name, provider: source.provider, writeKey })}\n`);
      return;
    }
    process.stdout.write(
      [
        `Created source "${source.name}" (userIds are ids of provider "${source.provider}").`,
        `Write key (shown once, store it now): ${writeKey}`,
        `Send events with any Segment library (host: this server, path /v1/batch) or: curl -u ${writeKey}: -H 'content-type: application/json' -d '{"userId":"u1","event":"Signed Up"}' http://localhost:${config.port}/v1/track`,
        '',
      ].join('\n'),
    );
  });
}

export function listSources(options: { json?: boolean }): Promise<void> {
  return withRuntime(async ({ db, services }) => {
    const sources = await services.sources.list(db);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(sources)}\n`);
      return;
    }
    if (sources.length === 0) process.stdout.write('No sources yet: spine sources create NAME --provider P\n');
    for (const source of sources) {
      process.stdout.write(`${source.name}\tprovider=${source.provider}\tkey=${source.write_key_prefix}…\tcreated=${source.created_at.toISOString()}${source.revoked_at ? `\trevoked=${source.revoked_at.toISOString()}` : ''}\n`);
    }
  });
}

export function revokeSource(name: string): Promise<void> {
  return withRuntime(async ({ db, services }) => {
    const source = await services.sources.revoke(db, name);
    process.stdout.write(`Revoked the write key of "${source.name}"; running servers stop accepting it within 10 seconds.\n`);
  });
}
