import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
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

/** A person's latest events, optionally only those with one name, a page at a time. */
export function usePersonEvents(personId: string, name: string) {
  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(PersonEventsQuery, {
    variables: { id: personId, first: PAGE_SIZE, name: name || null },
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.person?.events ?? null;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  return {
    connection,
    events: connection?.edges.map((edge) => edge.node) ?? [],
    error,
    /** A new filter is loading; the previous list is still shown. */
    refreshing: loading && !loadingMore,
    loadingMore,
    loadMore: () => {
      if (!connection?.pageInfo.hasNextPage) return;
      void fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    },
    retry: () => void refetch(),
  };
}
