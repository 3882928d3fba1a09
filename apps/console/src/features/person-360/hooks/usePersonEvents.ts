import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useCallback, useRef, useState } from 'react';
import { graphql } from '../../../gql';

const PAGE_SIZE = 20;

const PersonEventsQuery = graphql(`
  query PersonEvents($id: ID!, $first: Int!, $after: String, $name: String) {
    person(id: $id) {
      id
      events(first: $first, after: $after, name: $name) {
        totalCount
        edges {
          cursor
          node {
            id
            ...EventRow_event
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/**
 * A person's latest events, optionally only those with one name, a page at a time. `loadMore` asks
 * for the page after the last one shown at most once, however often it is called meanwhile (a
 * scroll observer and a click may both ask).
 */
export function usePersonEvents(personId: string, name: string) {
  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(PersonEventsQuery, {
    variables: { id: personId, first: PAGE_SIZE, name: name || null },
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.person?.events ?? null;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  /** The cursor of the page being loaded. */
  const pending = useRef<string | null>(null);
  /** The cursor whose page could not be loaded: not asked again by itself, only on request. */
  const [failedAfter, setFailedAfter] = useState<string | null>(null);
  const hasNextPage = connection?.pageInfo.hasNextPage ?? false;
  const endCursor = connection?.pageInfo.endCursor ?? null;

  const loadMore = useCallback(() => {
    if (!hasNextPage || !endCursor || pending.current === endCursor) return;
    pending.current = endCursor;
    setFailedAfter(null);
    fetchMore({ variables: { after: endCursor } })
      .catch(() => setFailedAfter(endCursor))
      .finally(() => {
        if (pending.current === endCursor) pending.current = null;
      });
  }, [fetchMore, hasNextPage, endCursor]);

  return {
    connection,
    events: connection?.edges.map((edge) => edge.node) ?? [],
    error,
    /** A new filter is loading; the previous list is still shown. */
    refreshing: loading && !loadingMore,
    loadingMore,
    loadMore,
    /** The next page failed to load: loading it by itself (on scroll) stops until asked again. */
    loadMoreFailed: failedAfter !== null && failedAfter === endCursor,
    retry: () => void refetch(),
  };
}
