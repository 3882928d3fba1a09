// Segments as "Member of segment" conditions name them: rules keep the segment's id, people read its name.

export interface SegmentChoice {
  id: string;
  /** The name; names that several segments share get the start of the id, to tell them apart. */
  label: string;
}

export interface SegmentChoices {
  /** The segments a condition may name, by label; null until the list is loaded (or when it could not be). */
  options: SegmentChoice[] | null;
  /** Every segment's label by id (lower case), the one being edited included; null until loaded. */
  names: ReadonlyMap<string, string> | null;
  /** The list could not be loaded: the builder falls back to typing the id. */
  failed: boolean;
}

/** Segment ids are UUIDs: any case names the same segment. */
export function sameSegmentId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The choices for a builder editing `currentId` (null for a new segment), which is not offered for itself. */
export function segmentChoices(segments: ReadonlyArray<{ id: string; name: string }> | null, currentId: string | null, failed = false): SegmentChoices {
  if (!segments) return { options: null, names: null, failed };
  const counts = new Map<string, number>();
  for (const segment of segments) counts.set(nameKey(segment.name), (counts.get(nameKey(segment.name)) ?? 0) + 1);
  const all = segments
    .map((segment) => ({
      id: segment.id,
      label: (counts.get(nameKey(segment.name)) ?? 0) > 1 ? `${segment.name.trim()} (${segment.id.slice(0, 8)})` : segment.name,
    }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  return {
    options: all.filter((choice) => !currentId || !sameSegmentId(choice.id, currentId)),
    names: new Map(all.map((choice) => [choice.id.toLowerCase(), choice.label])),
    failed: false,
  };
}

/** What a saved rule's segment id reads as: the segment's name, or that no segment has it (deleted since). */
export function segmentLabel(names: ReadonlyMap<string, string>, id: string): string | null {
  return names.get(id.toLowerCase()) ?? null;
}

function nameKey(name: string): string {
  return name.trim().toLowerCase();
}
