import type { ApolloCache } from '@apollo/client';

/**
 * After a merge or an unmerge: what the cache holds of the persons involved (identities, traits,
 * events, segments, merge history), every person list, and every segment's members and count are no
 * longer what the API would answer (memberships moved, and the API evaluated the segments again).
 * They are dropped, so that the next page showing them asks again, even one reached with Back.
 */
export function forgetMergedPersons(cache: ApolloCache, personIds: readonly string[]): void {
  for (const id of personIds) cache.evict({ id: cache.identify({ __typename: 'Person', id }) });
  for (const key of Object.keys(cache.extract() as Record<string, unknown>)) {
    if (!key.startsWith('Segment:')) continue;
    cache.evict({ id: key, fieldName: 'members' });
    cache.evict({ id: key, fieldName: 'memberCount' });
  }
  cache.modify({
    fields: {
      persons(_existing, { DELETE }) {
        return DELETE;
      },
    },
  });
  cache.gc();
}
