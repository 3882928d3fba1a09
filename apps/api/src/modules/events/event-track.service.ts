// trackEvents: events from GraphQL, validated one by one (a bad event is rejected with its
// position and reason, the rest are stored), then stored in one transaction.
import type { DataSource } from 'typeorm';
import { badInput } from '../../graphql/errors.js';
import { isUuid } from '../../graphql/pagination.js';
import { createPersonLoader } from '../persons/person.loaders.js';
import type { EventSource } from '../sources/source.row.js';
import type { IncomingEvent } from './incoming-event.js';
import type { EventIngestService } from './event-ingest.service.js';
import { fromEventInput } from './event-input.converter.js';
import type { EventInput } from './inputs/event.input.js';
import type { TrackResult } from './track-result.type.js';

export const MAX_EVENTS_PER_CALL = 1000;

export class EventTrackService {
  constructor(private readonly ingest: EventIngestService) {}

  async track(db: DataSource, inputs: readonly EventInput[], actor: string): Promise<TrackResult> {
    if (inputs.length > MAX_EVENTS_PER_CALL) throw badInput(`At most ${MAX_EVENTS_PER_CALL} events per call (got ${inputs.length}); use POST /v1/batch or \`spine events import\` for more`);
    const receivedAt = new Date();
    const errors: string[] = [];
    const converted: { index: number; event: IncomingEvent; provider: string }[] = [];
    inputs.forEach((input, index) => {
      const result = fromEventInput(input, receivedAt);
      if (!result.ok) errors.push(`events[${index}]: ${result.error}`);
      else if (result.event.personId && !isUuid(result.event.personId)) errors.push(`events[${index}]: personId "${result.event.personId.slice(0, 40)}" is not a valid id`);
      else converted.push({ index, event: result.event, provider: result.provider });
    });

    // Explicit persons: merged-away ids write to the survivor; unknown ids reject their event.
    const personIds = [...new Set(converted.filter(({ event }) => event.personId).map(({ event }) => event.personId!.toLowerCase()))];
    const live = new Map<string, string>();
    if (personIds.length) {
      const found = await createPersonLoader(db).loadMany(personIds);
      personIds.forEach((id, position) => {
        const row = found[position];
        if (row && !(row instanceof Error)) live.set(id, row.id);
      });
    }
    const groups = new Map<string, { source: EventSource; events: IncomingEvent[] }>();
    for (const { index, event, provider } of converted) {
      if (event.personId) {
        const personId = live.get(event.personId.toLowerCase());
        if (!personId) {
          errors.push(`events[${index}]: no person with id ${event.personId}`);
          continue;
        }
        event.personId = personId;
      }
      const group = groups.get(provider) ?? { source: { name: provider, provider }, events: [] };
      group.events.push(event);
      groups.set(provider, group);
    }
    errors.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    const result = await this.ingest.ingestGroups(db, [...groups.values()], actor);
    return { accepted: result.accepted, duplicates: result.duplicates, suppressed: result.suppressed, rejected: errors.length, errors };
  }
}
