// Reads one message of Segment's HTTP tracking API (identify, track, page, screen, alias, group)
// into an IncomingEvent, or says precisely what is wrong with it.
import { createHash, randomUUID } from 'node:crypto';
import { campaignOf, isEventType, MAX_ID_LENGTH, sessionIdOf, type EventType, type IncomingEvent } from './incoming-event.js';
import { idFromNumber, isJsonObject, sanitizeJson, type JsonFlag } from './json-safety.js';
import { resolveTimestamps } from './event-timestamps.js';

export type ParsedMessage = { ok: true; event: IncomingEvent } | { ok: false; error: string };

const DEFAULT_NAMES: Record<EventType, string> = {
  track: '',
  page: 'Page Viewed',
  screen: 'Screen Viewed',
  identify: 'Identify',
  alias: 'Alias',
  group: 'Group',
};

/** An id field: a non-blank string or a whole number (Segment accepts both; see idFromNumber), as a string. */
function idField(message: Record<string, unknown>, field: string): { value: string | null; error?: string } {
  const raw = message[field];
  if (raw === undefined || raw === null || raw === '') return { value: null };
  if (typeof raw === 'number') {
    const id = idFromNumber(field, raw);
    return 'error' in id ? { value: null, error: id.error } : id;
  }
  if (typeof raw !== 'string') return { value: null, error: `${field} must be a string` };
  const value = raw.trim();
  if (value === '') return { value: null };
  if (value.length > MAX_ID_LENGTH) return { value: null, error: `${field} is longer than ${MAX_ID_LENGTH} characters` };
  return { value };
}

function objectField(message: Record<string, unknown>, field: string): { value: Record<string, unknown> | null; error?: string } {
  const raw = message[field];
  if (raw === undefined || raw === null) return { value: null };
  if (!isJsonObject(raw)) return { value: null, error: `${field} must be an object` };
  return { value: raw };
}

/**
 * Without a messageId, a message that states its time is identified by its content (a retried
 * request is stored once); one that does not is new every time, as Segment does, unless the caller
 * knows a stable place for it (a file import: the how-many-th identical line it is).
 */
function derivedMessageId(raw: Record<string, unknown>, salt: string, place: string | undefined): string {
  const timed = Boolean(raw.timestamp || raw.originalTimestamp);
  if (!timed && place === undefined) return randomUUID();
  const hash = createHash('sha256').update(salt).update('\u0000').update(JSON.stringify(raw));
  if (!timed) hash.update('\u0000').update(place!);
  return `derived-${hash.digest('hex').slice(0, 40)}`;
}

/**
 * `type` comes from the route (/v1/track) or, in a batch, from the message.
 */
export function parseSegmentMessage(
  raw: unknown,
  options: {
    type?: EventType;
    receivedAt: Date;
    batchSentAt?: unknown;
    salt: string;
    /** false when mayNeedSanitizing() said the text is clean */
    sanitize?: boolean;
    /** Identifies a message that has neither messageId nor timestamp across repeated deliveries (see derivedMessageId). */
    place?: string;
  },
): ParsedMessage {
  if (!isJsonObject(raw)) return { ok: false, error: 'a message must be a JSON object' };
  const flags = new Set<JsonFlag>();
  const message = options.sanitize === false ? raw : sanitizeJson(raw, flags);
  const type = options.type ?? message.type;
  if (!isEventType(type)) return { ok: false, error: `type must be one of track, page, screen, identify, alias, group (got ${JSON.stringify(message.type ?? null)?.slice(0, 40)})` };

  const userId = idField(message, 'userId');
  const anonymousId = idField(message, 'anonymousId');
  const previousId = idField(message, 'previousId');
  const groupId = idField(message, 'groupId');
  const messageId = idField(message, 'messageId');
  const properties = objectField(message, 'properties');
  const traits = objectField(message, 'traits');
  const context = objectField(message, 'context');
  const problem = [userId, anonymousId, previousId, groupId, messageId, properties, traits, context].find((field) => field.error);
  if (problem) return { ok: false, error: problem.error! };
  if (!userId.value && !anonymousId.value) return { ok: false, error: 'userId or anonymousId is required' };

  let name = DEFAULT_NAMES[type];
  if (type === 'track') {
    if (typeof message.event !== 'string' || message.event.trim() === '') return { ok: false, error: 'track needs an event name (event)' };
    name = message.event.trim();
  } else if ((type === 'page' || type === 'screen') && message.name !== undefined && message.name !== null) {
    if (typeof message.name !== 'string') return { ok: false, error: 'name must be a string' };
    if (message.name.trim() !== '') name = message.name.trim();
  }
  if (name.length > MAX_ID_LENGTH) return { ok: false, error: `event name is longer than ${MAX_ID_LENGTH} characters` };
  if (type === 'alias' && (!previousId.value || !userId.value)) return { ok: false, error: 'alias needs previousId and userId' };
  if (type === 'group' && !groupId.value) return { ok: false, error: 'group needs a groupId' };

  let eventProperties: Record<string, unknown> = properties.value ?? {};
  if (type === 'identify') eventProperties = traits.value ?? {};
  else if (type === 'group') eventProperties = { groupId: groupId.value, traits: traits.value ?? {} };
  else if (type === 'alias') eventProperties = { previousId: previousId.value };

  const times = resolveTimestamps({
    original: message.originalTimestamp ?? message.timestamp,
    sentAt: message.sentAt ?? options.batchSentAt,
    receivedAt: options.receivedAt,
  });
  const contextValue = context.value;
  return {
    ok: true,
    event: {
      messageId: messageId.value ?? derivedMessageId(raw, options.salt, options.place),
      type,
      name,
      userId: userId.value,
      anonymousId: anonymousId.value,
      personId: null,
      properties: eventProperties,
      context: contextValue,
      traits: type === 'identify' ? (traits.value ?? (isJsonObject(contextValue?.traits) ? (contextValue.traits as Record<string, unknown>) : null)) : null,
      previousId: type === 'alias' ? previousId.value : null,
      sessionId: sessionIdOf(contextValue),
      ...campaignOf(contextValue),
      occurredAt: times.occurredAt,
      receivedAt: options.receivedAt,
      sentAt: times.sentAt,
      flags: [...times.flags, ...flags],
    },
  };
}
