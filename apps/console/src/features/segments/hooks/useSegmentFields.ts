import { useQuery } from '@apollo/client/react';
import { graphql } from '../../../gql';

const SegmentFieldsQuery = graphql(`
  query SegmentFields {
    segmentFields {
      path
      label
      valueType
      operators
      description
    }
  }
`);

/** The fields rules may use (with the trait keys found in the data), for the field picker. */
export function useSegmentFields() {
  const { data, error, loading, refetch } = useQuery(SegmentFieldsQuery);
  return { fields: data?.segmentFields ?? [], error, loading, retry: () => void refetch() };
}
