import { useQuery } from '@apollo/client/react';
import { useDebouncedValue } from '../../../components/useDebouncedValue';
import { graphql } from '../../../gql';

const PREVIEW_DEBOUNCE_MS = 400;

const PreviewSegmentQuery = graphql(`
  query PreviewSegment($rules: JSON!) {
    previewSegment(rules: $rules) {
      count
      sample {
        id
        displayName
        email
      }
    }
  }
`);

/**
 * Who would match the rules being edited, asked once the rules have stopped changing for a
 * moment. `stale` is true while the shown result is for older rules.
 */
export function useSegmentPreview(rulesJson: string, skip = false) {
  const debounced = useDebouncedValue(rulesJson, PREVIEW_DEBOUNCE_MS);
  const { data, previousData, error, loading } = useQuery(PreviewSegmentQuery, {
    variables: { rules: JSON.parse(debounced) as unknown },
    // Membership changes as data arrives: never answer from the cache.
    fetchPolicy: 'network-only',
    skip,
  });
  const preview = (data ?? previousData)?.previewSegment ?? null;
  return {
    preview,
    error: loading ? undefined : error,
    loading,
    stale: loading || debounced !== rulesJson || (Boolean(error) && !data),
  };
}
