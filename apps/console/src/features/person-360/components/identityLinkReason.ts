// Words for why an identifier belongs to its person, for support staff rather than engineers: the
// API serves the rule that linked it as a code (EMAIL, NEW_PERSON, REVIEW, ...).
import { humanizeEnum } from '../../../components/format';

export interface LinkReason {
  /** "Matched by email", "New person". */
  reason: string;
  /** How the record reads after the reason: "New person" from a record, "Matched by email" on one. */
  recordLead: 'from' | 'record';
}

const matchedBy: Record<string, string> = {
  EXTERNAL_ID: 'Matched by external ID',
  EMAIL: 'Matched by email',
  PHONE: 'Matched by phone',
  ADDRESS_HASH: 'Matched by address',
  ANONYMOUS_ID: 'Matched by anonymous ID',
  DEVICE_ID: 'Matched by device ID',
};

/** The reason for one link rule; an unknown rule still says which it was. */
export function linkReason(rule: string): LinkReason {
  if (rule === 'NEW_PERSON') return { reason: 'New person', recordLead: 'from' };
  if (rule in matchedBy) return { reason: matchedBy[rule], recordLead: 'record' };
  if (rule === 'MERGE') return { reason: 'Merged', recordLead: 'record' };
  if (rule === 'MANUAL') return { reason: 'Linked by hand', recordLead: 'record' };
  if (rule === 'REVIEW') return { reason: 'Linked in review', recordLead: 'record' };
  return { reason: `Linked: ${rule ? humanizeEnum(rule) : 'unknown rule'}`, recordLead: 'record' };
}

export interface UnlinkedReason {
  reason: string;
  /** "by s.agent@…", "from web": who or what, when the identity's metadata says so. */
  detail: string | null;
  /** Nothing says how: shown muted. */
  unknown: boolean;
}

/**
 * An identity without a source record: linked by hand (metadata.rule MANUAL), an anonymous or
 * device id tied to the person by tracked events (metadata.source), or one whose record is gone.
 */
export function unlinkedReason(identity: { kind: string; metadata?: unknown }): UnlinkedReason {
  const metadata = identity.metadata !== null && typeof identity.metadata === 'object' ? (identity.metadata as Record<string, unknown>) : {};
  const text = (key: string) => (typeof metadata[key] === 'string' && metadata[key] !== '' ? (metadata[key] as string) : null);
  const linkedBy = text('linkedBy');
  if (text('rule') === 'MANUAL') return { reason: 'Linked by hand', detail: linkedBy && `by ${linkedBy}`, unknown: false };
  if (linkedBy) return { reason: 'Linked in review', detail: `by ${linkedBy}`, unknown: false };
  if (identity.kind === 'ANONYMOUS_ID' || identity.kind === 'DEVICE_ID') {
    const source = text('source');
    return { reason: 'Identified in tracked events', detail: source && `from ${source}`, unknown: false };
  }
  return { reason: 'Source record not kept', detail: null, unknown: true };
}
