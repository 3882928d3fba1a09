// The one shape every ingestion path (HTTP /v1, GraphQL trackEvents, `spine events import`)
// turns its input into before the event ingest service stores it.

export const EVENT_TYPES = ['track', 'page', 'screen', 'identify', 'alias', 'group'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

export interface IncomingEvent {
  messageId: string;
  type: EventType;
  name: string;
  userId: string | null;
  anonymousId: string | null;
  /** A person given directly (GraphQL only); already resolved to the live person. */
  personId: string | null;
  properties: Record<string, unknown>;
  context: Record<string, unknown> | null;
  /** identify: traits to set on the person. */
  traits: Record<string, unknown> | null;
  /** alias: the id the person was known by before. */
  previousId: string | null;
  sessionId: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  occurredAt: Date;
  receivedAt: Date;
  sentAt: Date | null;
  /** Corrections made on the way in (timestamp_future, nul_removed, ...). */
  flags: string[];
}

/** Longest userId, anonymousId, previousId, messageId or event name accepted. */
export const MAX_ID_LENGTH = 512;

/** utm_* columns from context.campaign (Segment: source, medium, name). */
export function campaignOf(context: Record<string, unknown> | null): { utmSource: string | null; utmMedium: string | null; utmCampaign: string | null } {
  const campaign = context?.campaign;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 500) : null);
  if (!campaign || typeof campaign !== 'object' || Array.isArray(campaign)) return { utmSource: null, utmMedium: null, utmCampaign: null };
  const fields = campaign as Record<string, unknown>;
  return { utmSource: text(fields.source), utmMedium: text(fields.medium), utmCampaign: text(fields.name) };
}

export function sessionIdOf(context: Record<string, unknown> | null): string | null {
  const value = context?.sessionId;
  if (typeof value === 'string' && value !== '') return value.slice(0, MAX_ID_LENGTH);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
