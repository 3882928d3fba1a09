/** Fields of a pending source record's payload (the record as the provider sent it). */
export interface RecordPayload {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: {
    line1?: string | null;
    line2?: string | null;
    city?: string | null;
    state?: string | null;
    postalCode?: string | null;
    country?: string | null;
  } | null;
}

export function asPayload(payload: unknown): RecordPayload {
  return payload && typeof payload === 'object' ? (payload as RecordPayload) : {};
}

export function payloadName(payload: RecordPayload): string | null {
  return [payload.firstName, payload.lastName].filter(Boolean).join(' ') || null;
}

export function payloadAddress(payload: RecordPayload): string | null {
  const address = payload.address;
  if (!address) return null;
  return (
    [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' '), address.state, address.country]
      .filter(Boolean)
      .join(', ') || null
  );
}

/** "Alice Smith ↔ Robert Smith": the people a candidate is about, persons first, then waiting records. */
export function candidateTitle(
  persons: ReadonlyArray<{ displayName: string }>,
  pendingRecords: ReadonlyArray<{ provider: string; externalId: string; payload: unknown }>,
): string {
  const names = [
    ...persons.map((person) => person.displayName),
    ...pendingRecords.map((record) => payloadName(asPayload(record.payload)) ?? `${record.provider} ${record.externalId}`),
  ];
  return names.length ? names.join(' ↔ ') : 'Candidate';
}

export function formatScore(score: number | null | undefined): string {
  return score == null ? '—' : score.toFixed(2);
}
