// GraphQL EventInput → IncomingEvent, validated event by event.
import { randomUUID, createHash } from 'node:crypto';
import { campaignOf, isEventType, MAX_ID_LENGTH, sessionIdOf, type IncomingEvent } from './incoming-event.js';
import { isJsonObject, sanitizeJson, valueDepthExceeds, MAX_JSON_DEPTH, type JsonFlag } from './json-safety.js';
import { resolveTimestamps } from './event-timestamps.js';
import type { EventInput } from './inputs/event.input.js';

/** The provider of userIds in trackEvents when the event names no source. */
export const DEFAULT_TRACK_PROVIDER = 'app';
const PROVIDER_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export type ConvertedEvent = { ok: true; event: IncomingEvent; provider: string } | { ok: false; error: string };

function optionalId(value: string | null | undefined, field: string): { value: string | null; error?: string } {
  if (value === null || value === undefined || value.trim() === '') return { value: null };
  const trimmed = value.trim();
  if (trimmed.length > MAX_ID_LENGTH) return { value: null, error: `${field} is longer than ${MAX_ID_LENGTH} characters` };
  if (trimmed.includes('\u0000')) return { value: null, error: `${field} contains U+0000` };
  return { value: trimmed };
}

export function fromEventInput(input: EventInput, receivedAt: Date): ConvertedEvent {
  const type = input.type ?? 'track';
  if (!isEventType(type)) return { ok: false, error: `type must be one of track, page, screen, identify, alias, group (got ${JSON.stringify(type).slice(0, 40)})` };
  const name = input.name?.trim() ?? '';
  if (name === '') return { ok: false, error: 'name must not be blank' };
  if (name.length > MAX_ID_LENGTH) return { ok: false, error: `name is longer than ${MAX_ID_LENGTH} characters` };
  const provider = (input.source ?? DEFAULT_TRACK_PROVIDER).trim().toLowerCase();
  if (!PROVIDER_PATTERN.test(provider)) return { ok: false, error: `source "${provider.slice(0, 40)}" must be a provider name (lower-case letters, digits, . _ -)` };
  const ids = { messageId: optionalId(input.messageId, 'messageId'), userId: optionalId(input.userId, 'userId'), anonymousId: optionalId(input.anonymousId, 'anonymousId') };
  const problem = Object.values(ids).find((id) => id.error);
  if (problem) return { ok: false, error: problem.error! };
  if (!input.personId && !ids.userId.value && !ids.anonymousId.value) return { ok: false, error: 'one of personId, userId or anonymousId is required' };
  for (const field of ['properties', 'context'] as const) {
    const value = input[field];
    if (value !== null && value !== undefined && !isJsonObject(value)) return { ok: false, error: `${field} must be a JSON object` };
    if (valueDepthExceeds(value)) return { ok: false, error: `${field} is nested deeper than ${MAX_JSON_DEPTH} levels` };
  }
  const flags = new Set<JsonFlag>();
  const properties = sanitizeJson((input.properties as Record<string, unknown> | null | undefined) ?? {}, flags);
  const context = input.context ? sanitizeJson(input.context as Record<string, unknown>, flags) : null;
  const times = resolveTimestamps({ original: input.occurredAt ?? null, sentAt: null, receivedAt });
  // Without a messageId, an event that states its time is identified by its content (a retry is
  // stored once); one that does not is new every time.
  const messageId =
    ids.messageId.value ??
    (input.occurredAt
      ? `derived-${createHash('sha256').update(JSON.stringify([provider, input.personId ?? null, ids.userId.value, ids.anonymousId.value, type, name, input.properties ?? null, input.context ?? null, input.occurredAt])).digest('hex').slice(0, 40)}`
      : randomUUID());
  return {
    ok: true,
    provider,
    event: {
      messageId,
      type,
      name,
      userId: ids.userId.value,
      anonymousId: ids.anonymousId.value,
      personId: input.personId ?? null,
      properties,
      context,
      traits: type === 'identify' ? properties : null,
      previousId: type === 'alias' && typeof properties.previousId === 'string' ? properties.previousId : null,
      sessionId: sessionIdOf(context),
      ...campaignOf(context),
      occurredAt: times.occurredAt,
      receivedAt,
      sentAt: null,
      flags: [...times.flags, ...flags],
    },
  };
}
