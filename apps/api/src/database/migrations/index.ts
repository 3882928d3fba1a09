import { InitialSchema1763770000000 } from './1763770000000-initial-schema.js';
import { MembershipPersonIndex1763771000000 } from './1763771000000-membership-person-index.js';
import { LifetimeValueModel1763780000000 } from './1763780000000-lifetime-value-model.js';
import { EventSources1763790300000 } from './1763790300000-event-sources.js';
import { Erasure1763800000000 } from './1763800000000-erasure.js';
import { PersonNotes1763810000000 } from './1763810000000-person-notes.js';
import { IdentityOrigin1763820000000 } from './1763820000000-identity-origin.js';
import { DropIdentityValueIndex1763830000000 } from './1763830000000-drop-identity-value-index.js';
import { AccessControl1763840000000 } from './1763840000000-access-control.js';
import { SegmentGuardedValues1763850000000 } from './1763850000000-segment-guarded-values.js';
import { LifetimeValueCurrency1763860000000 } from './1763860000000-lifetime-value-currency.js';
import { PersonSeenQueue1763870000000 } from './1763870000000-person-seen-queue.js';
import { EventIdentityReference1763870000001 } from './1763870000001-event-identity-reference.js';
import { PersonSegmentRecheck1763880000000 } from './1763880000000-person-segment-recheck.js';
import { AuditSearchIndex1763890000000 } from './1763890000000-audit-search-index.js';
import { SegmentRules1763790000000 } from './1763790000000-segment-rules.js';
import { SegmentEventIndex1763790000001 } from './1763790000001-segment-event-index.js';

/** Every migration, oldest first (TypeORM 1.x: pass classes, not globs). */
export const migrations = [
  InitialSchema1763770000000,
  MembershipPersonIndex1763771000000,
  LifetimeValueModel1763780000000,
  SegmentRules1763790000000,
  SegmentEventIndex1763790000001,
  EventSources1763790300000,
  Erasure1763800000000,
  PersonNotes1763810000000,
  IdentityOrigin1763820000000,
  DropIdentityValueIndex1763830000000,
  AccessControl1763840000000,
  SegmentGuardedValues1763850000000,
  LifetimeValueCurrency1763860000000,
  PersonSeenQueue1763870000000,
  EventIdentityReference1763870000001,
  PersonSegmentRecheck1763880000000,
  AuditSearchIndex1763890000000,
];
