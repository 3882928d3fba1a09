export type ConsentDecision = 'Granted' | 'Revoked' | 'Denied';

/**
 * What each change of a purpose's history did, newest first as the API serves it: a refusal right
 * after a grant revokes it; any other refusal denies.
 */
export function consentDecisions(history: ReadonlyArray<{ granted: boolean }>): ConsentDecision[] {
  return history.map((change, index) => {
    if (change.granted) return 'Granted';
    return history[index + 1]?.granted ? 'Revoked' : 'Denied';
  });
}
