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
    "\n  fragment ConsentTable_person on Person {\n    consents {\n      purpose\n      granted\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n": typeof types.ConsentTable_PersonFragmentDoc,
    "\n  fragment EventRow_event on Event {\n    id\n    name\n    type\n    source\n    properties\n    occurredAt\n    utmSource\n    utmMedium\n    utmCampaign\n  }\n": typeof types.EventRow_EventFragmentDoc,
    "\n  fragment IdentityList_person on Person {\n    identities {\n      id\n      kind\n      provider\n      value\n      rawValue\n      isPrimary\n      verifiedAt\n      firstSeenAt\n      lastSeenAt\n    }\n  }\n": typeof types.IdentityList_PersonFragmentDoc,
    "\n  fragment MergeHistory_person on Person {\n    mergeHistory {\n      id\n      sourcePersonId\n      reason\n      actor\n      mergedAt\n      undoneAt\n      targetPerson {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.MergeHistory_PersonFragmentDoc,
    "\n  fragment PersonHeader_person on Person {\n    id\n    displayName\n    email\n    phone\n    firstSeenAt\n    lastSeenAt\n    lifetimeValue {\n      currentValue\n      predictedValue\n      totalPurchases\n      churnProbability\n      computedAt\n    }\n    engagement {\n      overall\n      recency\n      frequency\n      monetary\n      computedAt\n    }\n  }\n": typeof types.PersonHeader_PersonFragmentDoc,
    "\n  fragment PurchaseHistory_person on Person {\n    purchases {\n      date\n      amount\n      orders\n    }\n    expectedPurchases(weeks: 52)\n    lifetimeValue {\n      predictedValue\n    }\n  }\n": typeof types.PurchaseHistory_PersonFragmentDoc,
    "\n  fragment SegmentList_person on Person {\n    segments {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n": typeof types.SegmentList_PersonFragmentDoc,
    "\n  fragment TraitTable_person on Person {\n    traits {\n      key\n      value\n      type\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n": typeof types.TraitTable_PersonFragmentDoc,
    "\n  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {\n    person(id: $id) {\n      id\n      events(first: $first, after: $after, name: $name) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...EventRow_event\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.PersonEventsDocument,
    "\n  fragment PersonRow_person on Person {\n    id\n    displayName\n    email\n    phone\n    lastSeenAt\n    identities {\n      id\n      provider\n    }\n  }\n": typeof types.PersonRow_PersonFragmentDoc,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      displayName\n      ...PersonHeader_person\n      ...IdentityList_person\n      ...PurchaseHistory_person\n      ...TraitTable_person\n      ...ConsentTable_person\n      ...SegmentList_person\n      ...MergeHistory_person\n    }\n  }\n": typeof types.PersonPageDocument,
    "\n  query PersonsPage($query: String, $first: Int!, $after: String) {\n    persons(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PersonRow_person\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PersonsPageDocument,
};
const documents: Documents = {
    "\n  fragment ConsentTable_person on Person {\n    consents {\n      purpose\n      granted\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n": types.ConsentTable_PersonFragmentDoc,
    "\n  fragment EventRow_event on Event {\n    id\n    name\n    type\n    source\n    properties\n    occurredAt\n    utmSource\n    utmMedium\n    utmCampaign\n  }\n": types.EventRow_EventFragmentDoc,
    "\n  fragment IdentityList_person on Person {\n    identities {\n      id\n      kind\n      provider\n      value\n      rawValue\n      isPrimary\n      verifiedAt\n      firstSeenAt\n      lastSeenAt\n    }\n  }\n": types.IdentityList_PersonFragmentDoc,
    "\n  fragment MergeHistory_person on Person {\n    mergeHistory {\n      id\n      sourcePersonId\n      reason\n      actor\n      mergedAt\n      undoneAt\n      targetPerson {\n        id\n        displayName\n      }\n    }\n  }\n": types.MergeHistory_PersonFragmentDoc,
    "\n  fragment PersonHeader_person on Person {\n    id\n    displayName\n    email\n    phone\n    firstSeenAt\n    lastSeenAt\n    lifetimeValue {\n      currentValue\n      predictedValue\n      totalPurchases\n      churnProbability\n      computedAt\n    }\n    engagement {\n      overall\n      recency\n      frequency\n      monetary\n      computedAt\n    }\n  }\n": types.PersonHeader_PersonFragmentDoc,
    "\n  fragment PurchaseHistory_person on Person {\n    purchases {\n      date\n      amount\n      orders\n    }\n    expectedPurchases(weeks: 52)\n    lifetimeValue {\n      predictedValue\n    }\n  }\n": types.PurchaseHistory_PersonFragmentDoc,
    "\n  fragment SegmentList_person on Person {\n    segments {\n      id\n      name\n      description\n      memberCount\n    }\n  }\n": types.SegmentList_PersonFragmentDoc,
    "\n  fragment TraitTable_person on Person {\n    traits {\n      key\n      value\n      type\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n": types.TraitTable_PersonFragmentDoc,
    "\n  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {\n    person(id: $id) {\n      id\n      events(first: $first, after: $after, name: $name) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...EventRow_event\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.PersonEventsDocument,
    "\n  fragment PersonRow_person on Person {\n    id\n    displayName\n    email\n    phone\n    lastSeenAt\n    identities {\n      id\n      provider\n    }\n  }\n": types.PersonRow_PersonFragmentDoc,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      displayName\n      ...PersonHeader_person\n      ...IdentityList_person\n      ...PurchaseHistory_person\n      ...TraitTable_person\n      ...ConsentTable_person\n      ...SegmentList_person\n      ...MergeHistory_person\n    }\n  }\n": types.PersonPageDocument,
    "\n  query PersonsPage($query: String, $first: Int!, $after: String) {\n    persons(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PersonRow_person\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PersonsPageDocument,
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
export function graphql(source: "\n  fragment ConsentTable_person on Person {\n    consents {\n      purpose\n      granted\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  fragment ConsentTable_person on Person {\n    consents {\n      purpose\n      granted\n      source\n      updatedAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventRow_event on Event {\n    id\n    name\n    type\n    source\n    properties\n    occurredAt\n    utmSource\n    utmMedium\n    utmCampaign\n  }\n"): (typeof documents)["\n  fragment EventRow_event on Event {\n    id\n    name\n    type\n    source\n    properties\n    occurredAt\n    utmSource\n    utmMedium\n    utmCampaign\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IdentityList_person on Person {\n    identities {\n      id\n      kind\n      provider\n      value\n      rawValue\n      isPrimary\n      verifiedAt\n      firstSeenAt\n      lastSeenAt\n    }\n  }\n"): (typeof documents)["\n  fragment IdentityList_person on Person {\n    identities {\n      id\n      kind\n      provider\n      value\n      rawValue\n      isPrimary\n      verifiedAt\n      firstSeenAt\n      lastSeenAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MergeHistory_person on Person {\n    mergeHistory {\n      id\n      sourcePersonId\n      reason\n      actor\n      mergedAt\n      undoneAt\n      targetPerson {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MergeHistory_person on Person {\n    mergeHistory {\n      id\n      sourcePersonId\n      reason\n      actor\n      mergedAt\n      undoneAt\n      targetPerson {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonHeader_person on Person {\n    id\n    displayName\n    email\n    phone\n    firstSeenAt\n    lastSeenAt\n    lifetimeValue {\n      currentValue\n      predictedValue\n      totalPurchases\n      churnProbability\n      computedAt\n    }\n    engagement {\n      overall\n      recency\n      frequency\n      monetary\n      computedAt\n    }\n  }\n"): (typeof documents)["\n  fragment PersonHeader_person on Person {\n    id\n    displayName\n    email\n    phone\n    firstSeenAt\n    lastSeenAt\n    lifetimeValue {\n      currentValue\n      predictedValue\n      totalPurchases\n      churnProbability\n      computedAt\n    }\n    engagement {\n      overall\n      recency\n      frequency\n      monetary\n      computedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PurchaseHistory_person on Person {\n    purchases {\n      date\n      amount\n      orders\n    }\n    expectedPurchases(weeks: 52)\n    lifetimeValue {\n      predictedValue\n    }\n  }\n"): (typeof documents)["\n  fragment PurchaseHistory_person on Person {\n    purchases {\n      date\n      amount\n      orders\n    }\n    expectedPurchases(weeks: 52)\n    lifetimeValue {\n      predictedValue\n    }\n  }\n"];
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
export function graphql(source: "\n  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {\n    person(id: $id) {\n      id\n      events(first: $first, after: $after, name: $name) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...EventRow_event\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {\n    person(id: $id) {\n      id\n      events(first: $first, after: $after, name: $name) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...EventRow_event\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonRow_person on Person {\n    id\n    displayName\n    email\n    phone\n    lastSeenAt\n    identities {\n      id\n      provider\n    }\n  }\n"): (typeof documents)["\n  fragment PersonRow_person on Person {\n    id\n    displayName\n    email\n    phone\n    lastSeenAt\n    identities {\n      id\n      provider\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      displayName\n      ...PersonHeader_person\n      ...IdentityList_person\n      ...PurchaseHistory_person\n      ...TraitTable_person\n      ...ConsentTable_person\n      ...SegmentList_person\n      ...MergeHistory_person\n    }\n  }\n"): (typeof documents)["\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      displayName\n      ...PersonHeader_person\n      ...IdentityList_person\n      ...PurchaseHistory_person\n      ...TraitTable_person\n      ...ConsentTable_person\n      ...SegmentList_person\n      ...MergeHistory_person\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonsPage($query: String, $first: Int!, $after: String) {\n    persons(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PersonRow_person\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonsPage($query: String, $first: Int!, $after: String) {\n    persons(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...PersonRow_person\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;