import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../../../gql';
import { type SegmentChoices, segmentChoices } from '../segmentChoices';

const SegmentChoicesQuery = graphql(`
  query SegmentChoices {
    segments {
      id
      name
    }
  }
`);

/**
 * The segments a "Member of segment" condition may name, by name, and every segment's name for
 * showing saved rules. `currentId`, the segment being edited, is not offered: it cannot contain itself.
 */
export function useSegmentChoices(currentId?: string | null): SegmentChoices {
  // A segment created elsewhere since the list was cached should be offered too.
  const { data, error } = useQuery(SegmentChoicesQuery, { fetchPolicy: 'cache-and-network' });
  const segments = data?.segments;
  return useMemo(() => segmentChoices(segments ?? null, currentId ?? null, Boolean(error) && !segments), [segments, currentId, error]);
}
