/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Session {\n    me {\n      actor\n      name\n      email\n      role\n      permissions\n    }\n    demoSignInHint\n  }\n": typeof types.SessionDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      expiresAt\n      viewer {\n        actor\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  fragment ConsentHistory_consent on Consent {\n    purpose\n    history {\n      granted\n      source\n      ip\n      occurredAt\n      expiresAt\n      recordedAt\n    }\n  }\n": typeof types.ConsentHistory_ConsentFragmentDoc,
    "\n  fragment ConsentTable_person on Person {\n    consents {\n      purpose\n      granted\n      source\n      updatedAt\n      expiresAt\n      ...ConsentHistory_consent\n    }\n  }\n": typeof types.ConsentTable_PersonFragmentDoc,
    "\n  fragment EventRow_event on Event {\n    id\n    name\n    type\n    source\n    properties\n    occurredAt\n    utmSource\n    utmMedium\n    utmCampaign\n  }\n": typeof types.EventRow_EventFragmentDoc,
    "\n  fragment IdentityLinks_identity on Identity {\n    kind\n    value\n    metadata\n    links {\n      provider\n      externalId\n      rule\n      linkedAt\n    }\n  }\n": typeof types.IdentityLinks_IdentityFragmentDoc,
    "\n  fragment IdentityList_person on Person {\n    identities {\n      id\n      kind\n      provider\n      value\n      rawValue\n      isPrimary\n      verifiedAt\n      firstSeenAt\n      lastSeenAt\n      ...IdentityLinks_identity\n    }\n  }\n": typeof types.IdentityList_PersonFragmentDoc,
    "\n  fragment MergeHistory_person on Person {\n    mergeHistory {\n      id\n      sourcePersonId\n      reason\n      actor\n      mergedAt\n      undoneAt\n      targetPerson {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.MergeHistory_PersonFragmentDoc,
    "\n  fragment PersonHeader_person on Person {\n    id\n    displayName\n    email\n    phone\n    phoneDisplay\n    firstSeenAt\n    lastSeenAt\n    lifetimeValue {\n      currentValue\n      predictedValue\n      totalPurchases\n      churnProbability\n      computedAt\n      currency\n    }\n    engagement {\n      overall\n      recency\n      frequency\n      monetary\n      computedAt\n    }\n  }\n": typeof types.PersonHeader_PersonFragmentDoc,
    "\n  fragment PersonNotes_person on Person {\n    id\n    notes {\n      id\n      body\n      author\n      createdAt\n    }\n  }\n": typeof types.PersonNotes_PersonFragmentDoc,
    "\n  fragment PurchaseHistory_person on Person {\n    purchases {\n      date\n      amount\n      orders\n      currency\n    }\n    expectedPurchases(weeks: 52)\n    purchasesLeftOut {\n      unconvertedEvents\n      currencies\n      withoutAmount\n    }\n    lifetimeValue {\n      predictedValue\n      currency\n    }\n  }\n": typeof types.PurchaseHistory_PersonFragmentDoc,
    "\n  fragment SegmentList_person on Person {\n    segments {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n": typeof types.SegmentList_PersonFragmentDoc,
    "\n  fragment TraitTable_person on Person {\n    traits {\n      key\n      value\n      type\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n": typeof types.TraitTable_PersonFragmentDoc,
    "\n  mutation AddPersonNote($personId: ID!, $body: String!) {\n    addPersonNote(personId: $personId, body: $body) {\n      id\n      body\n      author\n      createdAt\n    }\n  }\n": typeof types.AddPersonNoteDocument,
    "\n  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {\n    person(id: $id) {\n      id\n      events(first: $first, after: $after, name: $name) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...EventRow_event\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.PersonEventsDocument,
    "\n  query ExportPerson($id: ID!, $reason: String) {\n    exportPerson(id: $id, reason: $reason)\n  }\n": typeof types.ExportPersonDocument,
    "\n  mutation ErasePerson($id: ID!, $reason: String) {\n    erasePerson(id: $id, reason: $reason)\n  }\n": typeof types.ErasePersonDocument,
    "\n  mutation Unmerge($mergeId: ID!) {\n    unmerge(mergeId: $mergeId) {\n      id\n      displayName\n    }\n  }\n": typeof types.UnmergeDocument,
    "\n  fragment PersonRow_person on Person {\n    id\n    displayName\n    email\n    phone\n    phoneDisplay\n    lastSeenAt\n    identities {\n      id\n      provider\n    }\n  }\n": typeof types.PersonRow_PersonFragmentDoc,
    "\n  fragment CandidateComparison_mergeCandidate on MergeCandidate {\n    persons {\n      id\n      displayName\n      firstName\n      lastName\n      email\n      phone\n      identities {\n        id\n        kind\n        provider\n        value\n        rawValue\n      }\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n  }\n": typeof types.CandidateComparison_MergeCandidateFragmentDoc,
    "\n  fragment CandidateListItem_mergeCandidate on MergeCandidate {\n    id\n    score\n    createdAt\n    persons {\n      id\n      displayName\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n  }\n": typeof types.CandidateListItem_MergeCandidateFragmentDoc,
    "\n  fragment CandidateReview_mergeCandidate on MergeCandidate {\n    id\n    status\n    score\n    createdAt\n    decidedAt\n    decidedBy\n    reason\n    persons {\n      id\n      displayName\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n    ...CandidateComparison_mergeCandidate\n    ...EvidenceList_mergeCandidate\n  }\n": typeof types.CandidateReview_MergeCandidateFragmentDoc,
    "\n  fragment EvidenceList_mergeCandidate on MergeCandidate {\n    persons {\n      id\n      displayName\n    }\n    evidence {\n      field\n      values\n      supports\n      detail\n    }\n  }\n": typeof types.EvidenceList_MergeCandidateFragmentDoc,
    "\n  mutation DecideMergeCandidate($id: ID!, $decision: MergeDecision!, $reason: String) {\n    decideMergeCandidate(id: $id, decision: $decision, reason: $reason) {\n      id\n      status\n      decidedAt\n      decidedBy\n      reason\n    }\n  }\n": typeof types.DecideMergeCandidateDocument,
    "\n  fragment SegmentEditor_segment on Segment {\n    id\n    name\n    description\n    kind\n    rules\n  }\n": typeof types.SegmentEditor_SegmentFragmentDoc,
    "\n  fragment SegmentMembers_segment on Segment {\n    id\n    name\n    kind\n    memberCount\n    lastEvaluatedAt\n  }\n": typeof types.SegmentMembers_SegmentFragmentDoc,
    "\n  fragment SegmentRow_segment on Segment {\n    id\n    name\n    description\n    kind\n    memberCount\n    lastEvaluatedAt\n  }\n": typeof types.SegmentRow_SegmentFragmentDoc,
    "\n  query SegmentChoices {\n    segments {\n      id\n      name\n    }\n  }\n": typeof types.SegmentChoicesDocument,
    "\n  query SegmentFields {\n    segmentFields {\n      path\n      label\n      valueType\n      operators\n      description\n    }\n  }\n": typeof types.SegmentFieldsDocument,
    "\n  query SegmentMembers($id: ID!, $first: Int!, $after: String) {\n    segment(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            displayName\n            email\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.SegmentMembersDocument,
    "\n  mutation CreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) {\n      id\n      rules\n      ...SegmentRow_segment\n      ...SegmentEditor_segment\n    }\n  }\n": typeof types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {\n    updateSegment(id: $id, input: $input) {\n      id\n      ...SegmentRow_segment\n      ...SegmentEditor_segment\n    }\n  }\n": typeof types.UpdateSegmentDocument,
    "\n  mutation RefreshSegment($id: ID!) {\n    refreshSegment(id: $id) {\n      entered\n      exited\n      segment {\n        id\n        memberCount\n        lastEvaluatedAt\n      }\n    }\n  }\n": typeof types.RefreshSegmentDocument,
    "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(id: $id)\n  }\n": typeof types.DeleteSegmentDocument,
    "\n  query PreviewSegment($rules: JSON!) {\n    previewSegment(rules: $rules) {\n      count\n      sample {\n        id\n        displayName\n        email\n      }\n    }\n  }\n": typeof types.PreviewSegmentDocument,
    "\n  query AuditLogPage($first: Int!, $before: String, $action: String) {\n    auditLog(first: $first, before: $before, action: $action) {\n      id\n      at\n      actor\n      action\n      personId\n      subjectId\n      reason\n      details\n    }\n  }\n": typeof types.AuditLogPageDocument,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      displayName\n      ...PersonHeader_person\n      ...IdentityList_person\n      ...PurchaseHistory_person\n      ...TraitTable_person\n      ...ConsentTable_person\n      ...SegmentList_person\n      ...MergeHistory_person\n      ...PersonNotes_person\n    }\n  }\n": typeof types.PersonPageDocument,
    "\n  query PersonsPage($query: String, $first: Int!, $after: String) {\n    persons(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PersonRow_person\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PersonsPageDocument,
    "\n  query ReviewQueue($first: Int!, $after: String) {\n    mergeCandidates(status: OPEN, first: $first, after: $after) {\n      id\n      ...CandidateListItem_mergeCandidate\n      ...CandidateReview_mergeCandidate\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  query ReviewCandidate($id: ID!) {\n    mergeCandidate(id: $id) {\n      id\n      ...CandidateReview_mergeCandidate\n    }\n  }\n": typeof types.ReviewCandidateDocument,
    "\n  query SegmentBuilderPage($id: ID!) {\n    segment(id: $id) {\n      id\n      name\n      ...SegmentEditor_segment\n      ...SegmentMembers_segment\n    }\n  }\n": typeof types.SegmentBuilderPageDocument,
    "\n  query SegmentsPage {\n    segments {\n      id\n      name\n      ...SegmentRow_segment\n    }\n  }\n": typeof types.SegmentsPageDocument,
};
const documents: Documents = {
    "\n  query Session {\n    me {\n      actor\n      name\n      email\n      role\n      permissions\n    }\n    demoSignInHint\n  }\n": types.SessionDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      expiresAt\n      viewer {\n        actor\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  fragment ConsentHistory_consent on Consent {\n    purpose\n    history {\n      granted\n      source\n      ip\n      occurredAt\n      expiresAt\n      recordedAt\n    }\n  }\n": types.ConsentHistory_ConsentFragmentDoc,
    "\n  fragment ConsentTable_person on Person {\n    consents {\n      purpose\n      granted\n      source\n      updatedAt\n      expiresAt\n      ...ConsentHistory_consent\n    }\n  }\n": types.ConsentTable_PersonFragmentDoc,
    "\n  fragment EventRow_event on Event {\n    id\n    name\n    type\n    source\n    properties\n    occurredAt\n    utmSource\n    utmMedium\n    utmCampaign\n  }\n": types.EventRow_EventFragmentDoc,
    "\n  fragment IdentityLinks_identity on Identity {\n    kind\n    value\n    metadata\n    links {\n      provider\n      externalId\n      rule\n      linkedAt\n    }\n  }\n": types.IdentityLinks_IdentityFragmentDoc,
    "\n  fragment IdentityList_person on Person {\n    identities {\n      id\n      kind\n      provider\n      value\n      rawValue\n      isPrimary\n      verifiedAt\n      firstSeenAt\n      lastSeenAt\n      ...IdentityLinks_identity\n    }\n  }\n": types.IdentityList_PersonFragmentDoc,
    "\n  fragment MergeHistory_person on Person {\n    mergeHistory {\n      id\n      sourcePersonId\n      reason\n      actor\n      mergedAt\n      undoneAt\n      targetPerson {\n        id\n        displayName\n      }\n    }\n  }\n": types.MergeHistory_PersonFragmentDoc,
    "\n  fragment PersonHeader_person on Person {\n    id\n    displayName\n    email\n    phone\n    phoneDisplay\n    firstSeenAt\n    lastSeenAt\n    lifetimeValue {\n      currentValue\n      predictedValue\n      totalPurchases\n      churnProbability\n      computedAt\n      currency\n    }\n    engagement {\n      overall\n      recency\n      frequency\n      monetary\n      computedAt\n    }\n  }\n": types.PersonHeader_PersonFragmentDoc,
    "\n  fragment PersonNotes_person on Person {\n    id\n    notes {\n      id\n      body\n      author\n      createdAt\n    }\n  }\n": types.PersonNotes_PersonFragmentDoc,
    "\n  fragment PurchaseHistory_person on Person {\n    purchases {\n      date\n      amount\n      orders\n      currency\n    }\n    expectedPurchases(weeks: 52)\n    purchasesLeftOut {\n      unconvertedEvents\n      currencies\n      withoutAmount\n    }\n    lifetimeValue {\n      predictedValue\n      currency\n    }\n  }\n": types.PurchaseHistory_PersonFragmentDoc,
    "\n  fragment SegmentList_person on Person {\n    segments {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n": types.SegmentList_PersonFragmentDoc,
    "\n  fragment TraitTable_person on Person {\n    traits {\n      key\n      value\n      type\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n": types.TraitTable_PersonFragmentDoc,
    "\n  mutation AddPersonNote($personId: ID!, $body: String!) {\n    addPersonNote(personId: $personId, body: $body) {\n      id\n      body\n      author\n      createdAt\n    }\n  }\n": types.AddPersonNoteDocument,
    "\n  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {\n    person(id: $id) {\n      id\n      events(first: $first, after: $after, name: $name) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...EventRow_event\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.PersonEventsDocument,
    "\n  query ExportPerson($id: ID!, $reason: String) {\n    exportPerson(id: $id, reason: $reason)\n  }\n": types.ExportPersonDocument,
    "\n  mutation ErasePerson($id: ID!, $reason: String) {\n    erasePerson(id: $id, reason: $reason)\n  }\n": types.ErasePersonDocument,
    "\n  mutation Unmerge($mergeId: ID!) {\n    unmerge(mergeId: $mergeId) {\n      id\n      displayName\n    }\n  }\n": types.UnmergeDocument,
    "\n  fragment PersonRow_person on Person {\n    id\n    displayName\n    email\n    phone\n    phoneDisplay\n    lastSeenAt\n    identities {\n      id\n      provider\n    }\n  }\n": types.PersonRow_PersonFragmentDoc,
    "\n  fragment CandidateComparison_mergeCandidate on MergeCandidate {\n    persons {\n      id\n      displayName\n      firstName\n      lastName\n      email\n      phone\n      identities {\n        id\n        kind\n        provider\n        value\n        rawValue\n      }\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n  }\n": types.CandidateComparison_MergeCandidateFragmentDoc,
    "\n  fragment CandidateListItem_mergeCandidate on MergeCandidate {\n    id\n    score\n    createdAt\n    persons {\n      id\n      displayName\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n  }\n": types.CandidateListItem_MergeCandidateFragmentDoc,
    "\n  fragment CandidateReview_mergeCandidate on MergeCandidate {\n    id\n    status\n    score\n    createdAt\n    decidedAt\n    decidedBy\n    reason\n    persons {\n      id\n      displayName\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n    ...CandidateComparison_mergeCandidate\n    ...EvidenceList_mergeCandidate\n  }\n": types.CandidateReview_MergeCandidateFragmentDoc,
    "\n  fragment EvidenceList_mergeCandidate on MergeCandidate {\n    persons {\n      id\n      displayName\n    }\n    evidence {\n      field\n      values\n      supports\n      detail\n    }\n  }\n": types.EvidenceList_MergeCandidateFragmentDoc,
    "\n  mutation DecideMergeCandidate($id: ID!, $decision: MergeDecision!, $reason: String) {\n    decideMergeCandidate(id: $id, decision: $decision, reason: $reason) {\n      id\n      status\n      decidedAt\n      decidedBy\n      reason\n    }\n  }\n": types.DecideMergeCandidateDocument,
    "\n  fragment SegmentEditor_segment on Segment {\n    id\n    name\n    description\n    kind\n    rules\n  }\n": types.SegmentEditor_SegmentFragmentDoc,
    "\n  fragment SegmentMembers_segment on Segment {\n    id\n    name\n    kind\n    memberCount\n    lastEvaluatedAt\n  }\n": types.SegmentMembers_SegmentFragmentDoc,
    "\n  fragment SegmentRow_segment on Segment {\n    id\n    name\n    description\n    kind\n    memberCount\n    lastEvaluatedAt\n  }\n": types.SegmentRow_SegmentFragmentDoc,
    "\n  query SegmentChoices {\n    segments {\n      id\n      name\n    }\n  }\n": types.SegmentChoicesDocument,
    "\n  query SegmentFields {\n    segmentFields {\n      path\n      label\n      valueType\n      operators\n      description\n    }\n  }\n": types.SegmentFieldsDocument,
    "\n  query SegmentMembers($id: ID!, $first: Int!, $after: String) {\n    segment(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            displayName\n            email\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.SegmentMembersDocument,
    "\n  mutation CreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) {\n      id\n      rules\n      ...SegmentRow_segment\n      ...SegmentEditor_segment\n    }\n  }\n": types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {\n    updateSegment(id: $id, input: $input) {\n      id\n      ...SegmentRow_segment\n      ...SegmentEditor_segment\n    }\n  }\n": types.UpdateSegmentDocument,
    "\n  mutation RefreshSegment($id: ID!) {\n    refreshSegment(id: $id) {\n      entered\n      exited\n      segment {\n        id\n        memberCount\n        lastEvaluatedAt\n      }\n    }\n  }\n": types.RefreshSegmentDocument,
    "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(id: $id)\n  }\n": types.DeleteSegmentDocument,
    "\n  query PreviewSegment($rules: JSON!) {\n    previewSegment(rules: $rules) {\n      count\n      sample {\n        id\n        displayName\n        email\n      }\n    }\n  }\n": types.PreviewSegmentDocument,
    "\n  query AuditLogPage($first: Int!, $before: String, $action: String) {\n    auditLog(first: $first, before: $before, action: $action) {\n      id\n      at\n      actor\n      action\n      personId\n      subjectId\n      reason\n      details\n    }\n  }\n": types.AuditLogPageDocument,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      displayName\n      ...PersonHeader_person\n      ...IdentityList_person\n      ...PurchaseHistory_person\n      ...TraitTable_person\n      ...ConsentTable_person\n      ...SegmentList_person\n      ...MergeHistory_person\n      ...PersonNotes_person\n    }\n  }\n": types.PersonPageDocument,
    "\n  query PersonsPage($query: String, $first: Int!, $after: String) {\n    persons(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PersonRow_person\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PersonsPageDocument,
    "\n  query ReviewQueue($first: Int!, $after: String) {\n    mergeCandidates(status: OPEN, first: $first, after: $after) {\n      id\n      ...CandidateListItem_mergeCandidate\n      ...CandidateReview_mergeCandidate\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  query ReviewCandidate($id: ID!) {\n    mergeCandidate(id: $id) {\n      id\n      ...CandidateReview_mergeCandidate\n    }\n  }\n": types.ReviewCandidateDocument,
    "\n  query SegmentBuilderPage($id: ID!) {\n    segment(id: $id) {\n      id\n      name\n      ...SegmentEditor_segment\n      ...SegmentMembers_segment\n    }\n  }\n": types.SegmentBuilderPageDocument,
    "\n  query SegmentsPage {\n    segments {\n      id\n      name\n      ...SegmentRow_segment\n    }\n  }\n": types.SegmentsPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    me {\n      actor\n      name\n      email\n      role\n      permissions\n    }\n    demoSignInHint\n  }\n"): (typeof documents)["\n  query Session {\n    me {\n      actor\n      name\n      email\n      role\n      permissions\n    }\n    demoSignInHint\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      expiresAt\n      viewer {\n        actor\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      expiresAt\n      viewer {\n        actor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsentHistory_consent on Consent {\n    purpose\n    history {\n      granted\n      source\n      ip\n      occurredAt\n      expiresAt\n      recordedAt\n    }\n  }\n"): (typeof documents)["\n  fragment ConsentHistory_consent on Consent {\n    purpose\n    history {\n      granted\n      source\n      ip\n      occurredAt\n      expiresAt\n      recordedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsentTable_person on Person {\n    consents {\n      purpose\n      granted\n      source\n      updatedAt\n      expiresAt\n      ...ConsentHistory_consent\n    }\n  }\n"): (typeof documents)["\n  fragment ConsentTable_person on Person {\n    consents {\n      purpose\n      granted\n      source\n      updatedAt\n      expiresAt\n      ...ConsentHistory_consent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventRow_event on Event {\n    id\n    name\n    type\n    source\n    properties\n    occurredAt\n    utmSource\n    utmMedium\n    utmCampaign\n  }\n"): (typeof documents)["\n  fragment EventRow_event on Event {\n    id\n    name\n    type\n    source\n    properties\n    occurredAt\n    utmSource\n    utmMedium\n    utmCampaign\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IdentityLinks_identity on Identity {\n    kind\n    value\n    metadata\n    links {\n      provider\n      externalId\n      rule\n      linkedAt\n    }\n  }\n"): (typeof documents)["\n  fragment IdentityLinks_identity on Identity {\n    kind\n    value\n    metadata\n    links {\n      provider\n      externalId\n      rule\n      linkedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IdentityList_person on Person {\n    identities {\n      id\n      kind\n      provider\n      value\n      rawValue\n      isPrimary\n      verifiedAt\n      firstSeenAt\n      lastSeenAt\n      ...IdentityLinks_identity\n    }\n  }\n"): (typeof documents)["\n  fragment IdentityList_person on Person {\n    identities {\n      id\n      kind\n      provider\n      value\n      rawValue\n      isPrimary\n      verifiedAt\n      firstSeenAt\n      lastSeenAt\n      ...IdentityLinks_identity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MergeHistory_person on Person {\n    mergeHistory {\n      id\n      sourcePersonId\n      reason\n      actor\n      mergedAt\n      undoneAt\n      targetPerson {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MergeHistory_person on Person {\n    mergeHistory {\n      id\n      sourcePersonId\n      reason\n      actor\n      mergedAt\n      undoneAt\n      targetPerson {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonHeader_person on Person {\n    id\n    displayName\n    email\n    phone\n    phoneDisplay\n    firstSeenAt\n    lastSeenAt\n    lifetimeValue {\n      currentValue\n      predictedValue\n      totalPurchases\n      churnProbability\n      computedAt\n      currency\n    }\n    engagement {\n      overall\n      recency\n      frequency\n      monetary\n      computedAt\n    }\n  }\n"): (typeof documents)["\n  fragment PersonHeader_person on Person {\n    id\n    displayName\n    email\n    phone\n    phoneDisplay\n    firstSeenAt\n    lastSeenAt\n    lifetimeValue {\n      currentValue\n      predictedValue\n      totalPurchases\n      churnProbability\n      computedAt\n      currency\n    }\n    engagement {\n      overall\n      recency\n      frequency\n      monetary\n      computedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonNotes_person on Person {\n    id\n    notes {\n      id\n      body\n      author\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment PersonNotes_person on Person {\n    id\n    notes {\n      id\n      body\n      author\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PurchaseHistory_person on Person {\n    purchases {\n      date\n      amount\n      orders\n      currency\n    }\n    expectedPurchases(weeks: 52)\n    purchasesLeftOut {\n      unconvertedEvents\n      currencies\n      withoutAmount\n    }\n    lifetimeValue {\n      predictedValue\n      currency\n    }\n  }\n"): (typeof documents)["\n  fragment PurchaseHistory_person on Person {\n    purchases {\n      date\n      amount\n      orders\n      currency\n    }\n    expectedPurchases(weeks: 52)\n    purchasesLeftOut {\n      unconvertedEvents\n      currencies\n      withoutAmount\n    }\n    lifetimeValue {\n      predictedValue\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentList_person on Person {\n    segments {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n"): (typeof documents)["\n  fragment SegmentList_person on Person {\n    segments {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TraitTable_person on Person {\n    traits {\n      key\n      value\n      type\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  fragment TraitTable_person on Person {\n    traits {\n      key\n      value\n      type\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPersonNote($personId: ID!, $body: String!) {\n    addPersonNote(personId: $personId, body: $body) {\n      id\n      body\n      author\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation AddPersonNote($personId: ID!, $body: String!) {\n    addPersonNote(personId: $personId, body: $body) {\n      id\n      body\n      author\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {\n    person(id: $id) {\n      id\n      events(first: $first, after: $after, name: $name) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...EventRow_event\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {\n    person(id: $id) {\n      id\n      events(first: $first, after: $after, name: $name) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...EventRow_event\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportPerson($id: ID!, $reason: String) {\n    exportPerson(id: $id, reason: $reason)\n  }\n"): (typeof documents)["\n  query ExportPerson($id: ID!, $reason: String) {\n    exportPerson(id: $id, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ErasePerson($id: ID!, $reason: String) {\n    erasePerson(id: $id, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation ErasePerson($id: ID!, $reason: String) {\n    erasePerson(id: $id, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unmerge($mergeId: ID!) {\n    unmerge(mergeId: $mergeId) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation Unmerge($mergeId: ID!) {\n    unmerge(mergeId: $mergeId) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonRow_person on Person {\n    id\n    displayName\n    email\n    phone\n    phoneDisplay\n    lastSeenAt\n    identities {\n      id\n      provider\n    }\n  }\n"): (typeof documents)["\n  fragment PersonRow_person on Person {\n    id\n    displayName\n    email\n    phone\n    phoneDisplay\n    lastSeenAt\n    identities {\n      id\n      provider\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandidateComparison_mergeCandidate on MergeCandidate {\n    persons {\n      id\n      displayName\n      firstName\n      lastName\n      email\n      phone\n      identities {\n        id\n        kind\n        provider\n        value\n        rawValue\n      }\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n  }\n"): (typeof documents)["\n  fragment CandidateComparison_mergeCandidate on MergeCandidate {\n    persons {\n      id\n      displayName\n      firstName\n      lastName\n      email\n      phone\n      identities {\n        id\n        kind\n        provider\n        value\n        rawValue\n      }\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandidateListItem_mergeCandidate on MergeCandidate {\n    id\n    score\n    createdAt\n    persons {\n      id\n      displayName\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n  }\n"): (typeof documents)["\n  fragment CandidateListItem_mergeCandidate on MergeCandidate {\n    id\n    score\n    createdAt\n    persons {\n      id\n      displayName\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandidateReview_mergeCandidate on MergeCandidate {\n    id\n    status\n    score\n    createdAt\n    decidedAt\n    decidedBy\n    reason\n    persons {\n      id\n      displayName\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n    ...CandidateComparison_mergeCandidate\n    ...EvidenceList_mergeCandidate\n  }\n"): (typeof documents)["\n  fragment CandidateReview_mergeCandidate on MergeCandidate {\n    id\n    status\n    score\n    createdAt\n    decidedAt\n    decidedBy\n    reason\n    persons {\n      id\n      displayName\n    }\n    pendingRecords {\n      provider\n      externalId\n      payload\n    }\n    ...CandidateComparison_mergeCandidate\n    ...EvidenceList_mergeCandidate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EvidenceList_mergeCandidate on MergeCandidate {\n    persons {\n      id\n      displayName\n    }\n    evidence {\n      field\n      values\n      supports\n      detail\n    }\n  }\n"): (typeof documents)["\n  fragment EvidenceList_mergeCandidate on MergeCandidate {\n    persons {\n      id\n      displayName\n    }\n    evidence {\n      field\n      values\n      supports\n      detail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideMergeCandidate($id: ID!, $decision: MergeDecision!, $reason: String) {\n    decideMergeCandidate(id: $id, decision: $decision, reason: $reason) {\n      id\n      status\n      decidedAt\n      decidedBy\n      reason\n    }\n  }\n"): (typeof documents)["\n  mutation DecideMergeCandidate($id: ID!, $decision: MergeDecision!, $reason: String) {\n    decideMergeCandidate(id: $id, decision: $decision, reason: $reason) {\n      id\n      status\n      decidedAt\n      decidedBy\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentEditor_segment on Segment {\n    id\n    name\n    description\n    kind\n    rules\n  }\n"): (typeof documents)["\n  fragment SegmentEditor_segment on Segment {\n    id\n    name\n    description\n    kind\n    rules\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentMembers_segment on Segment {\n    id\n    name\n    kind\n    memberCount\n    lastEvaluatedAt\n  }\n"): (typeof documents)["\n  fragment SegmentMembers_segment on Segment {\n    id\n    name\n    kind\n    memberCount\n    lastEvaluatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentRow_segment on Segment {\n    id\n    name\n    description\n    kind\n    memberCount\n    lastEvaluatedAt\n  }\n"): (typeof documents)["\n  fragment SegmentRow_segment on Segment {\n    id\n    name\n    description\n    kind\n    memberCount\n    lastEvaluatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentChoices {\n    segments {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query SegmentChoices {\n    segments {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentFields {\n    segmentFields {\n      path\n      label\n      valueType\n      operators\n      description\n    }\n  }\n"): (typeof documents)["\n  query SegmentFields {\n    segmentFields {\n      path\n      label\n      valueType\n      operators\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentMembers($id: ID!, $first: Int!, $after: String) {\n    segment(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            displayName\n            email\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentMembers($id: ID!, $first: Int!, $after: String) {\n    segment(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            displayName\n            email\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) {\n      id\n      rules\n      ...SegmentRow_segment\n      ...SegmentEditor_segment\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) {\n      id\n      rules\n      ...SegmentRow_segment\n      ...SegmentEditor_segment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {\n    updateSegment(id: $id, input: $input) {\n      id\n      ...SegmentRow_segment\n      ...SegmentEditor_segment\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {\n    updateSegment(id: $id, input: $input) {\n      id\n      ...SegmentRow_segment\n      ...SegmentEditor_segment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSegment($id: ID!) {\n    refreshSegment(id: $id) {\n      entered\n      exited\n      segment {\n        id\n        memberCount\n        lastEvaluatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSegment($id: ID!) {\n    refreshSegment(id: $id) {\n      entered\n      exited\n      segment {\n        id\n        memberCount\n        lastEvaluatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewSegment($rules: JSON!) {\n    previewSegment(rules: $rules) {\n      count\n      sample {\n        id\n        displayName\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewSegment($rules: JSON!) {\n    previewSegment(rules: $rules) {\n      count\n      sample {\n        id\n        displayName\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogPage($first: Int!, $before: String, $action: String) {\n    auditLog(first: $first, before: $before, action: $action) {\n      id\n      at\n      actor\n      action\n      personId\n      subjectId\n      reason\n      details\n    }\n  }\n"): (typeof documents)["\n  query AuditLogPage($first: Int!, $before: String, $action: String) {\n    auditLog(first: $first, before: $before, action: $action) {\n      id\n      at\n      actor\n      action\n      personId\n      subjectId\n      reason\n      details\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      displayName\n      ...PersonHeader_person\n      ...IdentityList_person\n      ...PurchaseHistory_person\n      ...TraitTable_person\n      ...ConsentTable_person\n      ...SegmentList_person\n      ...MergeHistory_person\n      ...PersonNotes_person\n    }\n  }\n"): (typeof documents)["\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      displayName\n      ...PersonHeader_person\n      ...IdentityList_person\n      ...PurchaseHistory_person\n      ...TraitTable_person\n      ...ConsentTable_person\n      ...SegmentList_person\n      ...MergeHistory_person\n      ...PersonNotes_person\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonsPage($query: String, $first: Int!, $after: String) {\n    persons(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PersonRow_person\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonsPage($query: String, $first: Int!, $after: String) {\n    persons(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PersonRow_person\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($first: Int!, $after: String) {\n    mergeCandidates(status: OPEN, first: $first, after: $after) {\n      id\n      ...CandidateListItem_mergeCandidate\n      ...CandidateReview_mergeCandidate\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue($first: Int!, $after: String) {\n    mergeCandidates(status: OPEN, first: $first, after: $after) {\n      id\n      ...CandidateListItem_mergeCandidate\n      ...CandidateReview_mergeCandidate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewCandidate($id: ID!) {\n    mergeCandidate(id: $id) {\n      id\n      ...CandidateReview_mergeCandidate\n    }\n  }\n"): (typeof documents)["\n  query ReviewCandidate($id: ID!) {\n    mergeCandidate(id: $id) {\n      id\n      ...CandidateReview_mergeCandidate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentBuilderPage($id: ID!) {\n    segment(id: $id) {\n      id\n      name\n      ...SegmentEditor_segment\n      ...SegmentMembers_segment\n    }\n  }\n"): (typeof documents)["\n  query SegmentBuilderPage($id: ID!) {\n    segment(id: $id) {\n      id\n      name\n      ...SegmentEditor_segment\n      ...SegmentMembers_segment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsPage {\n    segments {\n      id\n      name\n      ...SegmentRow_segment\n    }\n  }\n"): (typeof documents)["\n  query SegmentsPage {\n    segments {\n      id\n      name\n      ...SegmentRow_segment\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;