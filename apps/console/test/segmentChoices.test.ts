import { describe, expect, it } from 'vitest';
import { sameSegmentId, segmentChoices } from '../src/features/segments/segmentChoices';

const segments = [
  { id: 'c0000000-0000-4000-8000-000000000003', name: 'VIP customers' },
  { id: 'a0000000-0000-4000-8000-000000000001', name: 'Churned' },
  { id: 'b0000000-0000-4000-8000-000000000002', name: 'Newsletter' },
  { id: 'd0000000-0000-4000-8000-000000000004', name: 'newsletter ' },
];

describe('segmentChoices', () => {
  it('offers every segment by name, sorted, except the one being edited', () => {
    const choices = segmentChoices(segments, 'C0000000-0000-4000-8000-000000000003');
    expect(choices.options?.map((choice) => choice.label)).toEqual(['Churned', 'Newsletter (b0000000)', 'newsletter (d0000000)']);
    expect(choices.options?.some((choice) => choice.id === segments[0].id)).toBe(false);
    // Its own name is still known, for reading rules.
    expect(choices.names?.get(segments[0].id)).toBe('VIP customers');
    expect(choices.failed).toBe(false);
  });

  it('offers all of them for a new segment', () => {
    expect(segmentChoices(segments, null).options).toHaveLength(4);
  });

  it('has nothing to offer until the list is loaded, and says when it could not be', () => {
    expect(segmentChoices(null, null)).toEqual({ options: null, names: null, failed: false });
    expect(segmentChoices(null, null, true).failed).toBe(true);
  });

  it('compares ids in any case', () => {
    expect(sameSegmentId('A0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001')).toBe(true);
    expect(sameSegmentId('a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002')).toBe(false);
  });
});
