import { NetworkStatus } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../../gql';
import type { SegmentMembersQuery as SegmentMembersQueryResult } from '../../../gql/graphql';
import { type CsvMember, csvFileName, membersCsv } from '../membersCsv';

const PAGE_SIZE = 20;
const EXPORT_PAGE_SIZE = 200;

const SegmentMembersQuery = graphql(`
  query SegmentMembers($id: ID!, $first: Int!, $after: String) {
    segment(id: $id) {
      id
      members(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            displayName
            email
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

/** A segment's current members, a page at a time. */
export function useSegmentMembers(segmentId: string) {
  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(SegmentMembersQuery, {
    variables: { id: segmentId, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.segment?.members ?? null;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  return {
    connection,
    members: connection?.edges.map((edge) => edge.node) ?? [],
    error,
    loading: loading && !loadingMore,
    loadingMore,
    loadMore: () => {
      if (!connection?.pageInfo.hasNextPage) return;
      void fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    },
    retry: () => void refetch(),
  };
}

/** Pages through every member and downloads them as a CSV file (built in the browser). */
export function useExportSegmentMembers(segmentId: string, segmentName: string) {
  const client = useApolloClient();
  const [state, setState] = useState<{ exporting: boolean; progress: number; error: Error | null }>({
    exporting: false,
    progress: 0,
    error: null,
  });

  const exportCsv = async () => {
    setState({ exporting: true, progress: 0, error: null });
    try {
      const members: CsvMember[] = [];
      let after: string | null = null;
      for (;;) {
        const result: { data?: SegmentMembersQueryResult } = await client.query({
          query: SegmentMembersQuery,
          variables: { id: segmentId, first: EXPORT_PAGE_SIZE, after },
          // Kept out of the cache so the on-screen pages stay as they are.
          fetchPolicy: 'no-cache',
        });
        const page = result.data?.segment?.members;
        if (!page) throw new Error('The segment no longer exists.');
        members.push(...page.edges.map((edge) => edge.node));
        setState((current) => ({ ...current, progress: members.length }));
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      const url = URL.createObjectURL(new Blob([membersCsv(members)], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = csvFileName(segmentName);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setState({ exporting: false, progress: members.length, error: null });
    } catch (error) {
      setState({ exporting: false, progress: 0, error: error instanceof Error ? error : new Error(String(error)) });
    }
  };

  return { ...state, exportCsv: () => void exportCsv() };
}
