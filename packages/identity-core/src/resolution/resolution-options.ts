import type { EvidenceOptions } from '../evidence/match-assessment.js';

export interface ResolutionOptions extends EvidenceOptions {
  /**
   * Merge persons automatically when one record ties several of them through strong identifiers
   * and nothing speaks against it (default true). `false` is the strict mode: two or more matched
   * persons always make the record AMBIGUOUS.
   */
  autoMerge?: boolean;
  /**
   * Use the address hash (dwelling + last name) as evidence when the first names agree: the same
   * name or a nickname, or an initial that fits only one first name known at that address. Default
   * true. A missing first name is never enough; a different one means another household member.
   */
  linkByAddress?: boolean;
  /** Distinct, mutually incompatible first (or last) names on one e-mail/phone that make it a hub (default 3). */
  hubThreshold?: number;
  /** Id of a new person (default: crypto.randomUUID). */
  newId?: () => string;
}

/** At most this many names are kept per claim: enough to recognise a hub, bounded for storage. */
export const CLAIM_NAME_LIMIT = 8;
