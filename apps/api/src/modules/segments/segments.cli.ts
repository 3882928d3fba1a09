// `spine segments refresh`: re-evaluate one segment or all of them now (what the scheduled job does).
import { openRuntime } from '../../runtime.js';
import type { RefreshOutcome } from './segments.service.js';

export async function refreshSegments(options: { id?: string; json?: boolean }): Promise<void> {
  const runtime = await openRuntime({ poolSize: 2 });
  try {
    const started = Date.now();
    const outcomes: RefreshOutcome[] = options.id ? [await runtime.services.segments.refreshWithDependents(runtime.db, options.id)] : await runtime.services.segments.refreshAll(runtime.db);
    if (options.json) {
      console.log(JSON.stringify(outcomes.map((outcome) => ({ id: outcome.segment.id, name: outcome.segment.name, members: outcome.segment.memberCount, entered: outcome.entered, exited: outcome.exited })), null, 2));
      return;
    }
    for (const outcome of outcomes) console.log(`${outcome.segment.name}: ${outcome.segment.memberCount} members (+${outcome.entered} entered, -${outcome.exited} exited)`);
    console.log(`${outcomes.length} segment(s) refreshed in ${Date.now() - started} ms`);
  } finally {
    await runtime.close();
  }
}
