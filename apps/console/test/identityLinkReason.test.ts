import { describe, expect, it } from 'vitest';
import { linkReason, unlinkedReason } from '../src/features/person-360/components/identityLinkReason';

describe('linkReason', () => {
  it('says which identifier matched, or that the record started a new person', () => {
    expect(linkReason('NEW_PERSON')).toEqual({ reason: 'New person', recordLead: 'from' });
    expect(linkReason('EMAIL')).toEqual({ reason: 'Matched by email', recordLead: 'record' });
    expect(linkReason('PHONE').reason).toBe('Matched by phone');
    expect(linkReason('ADDRESS_HASH').reason).toBe('Matched by address');
    expect(linkReason('EXTERNAL_ID').reason).toBe('Matched by external ID');
    expect(linkReason('MERGE').reason).toBe('Merged');
    expect(linkReason('MANUAL').reason).toBe('Linked by hand');
    expect(linkReason('REVIEW').reason).toBe('Linked in review');
  });

  it('still names a rule it does not know', () => {
    expect(linkReason('LOYALTY_CARD').reason).toBe('Linked: Loyalty card');
    expect(linkReason('').reason).toBe('Linked: unknown rule');
  });
});

describe('unlinkedReason', () => {
  it('reads who linked an identity by hand or in review from its metadata', () => {
    expect(unlinkedReason({ kind: 'EMAIL', metadata: { rule: 'MANUAL', linkedBy: 'sam@spine.dev' } })).toEqual({
      reason: 'Linked by hand',
      detail: 'by sam@spine.dev',
      unknown: false,
    });
    expect(unlinkedReason({ kind: 'PHONE', metadata: { rule: 'MANUAL' } }).detail).toBeNull();
    expect(unlinkedReason({ kind: 'EMAIL', metadata: { linkedBy: 'rita@spine.dev' } }).reason).toBe('Linked in review');
  });

  it('explains anonymous and device ids by the events that tied them', () => {
    expect(unlinkedReason({ kind: 'ANONYMOUS_ID', metadata: { source: 'web' } })).toEqual({
      reason: 'Identified in tracked events',
      detail: 'from web',
      unknown: false,
    });
    expect(unlinkedReason({ kind: 'DEVICE_ID', metadata: null }).detail).toBeNull();
  });

  it('says the source is unknown rather than nothing, whatever the metadata holds', () => {
    for (const metadata of [null, undefined, 'x', 42, [], {}, { rule: 3, linkedBy: '' }]) {
      expect(unlinkedReason({ kind: 'EMAIL', metadata })).toEqual({ reason: 'Source record not kept', detail: null, unknown: true });
    }
  });
});
