import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../../gql';
import { forgetMergedPersons } from '../../review/forgetMergedPersons';

const UnmergeMutation = graphql(`
  mutation Unmerge($mergeId: ID!) {
    unmerge(mergeId: $mergeId) {
      id
      displayName
    }
  }
`);

/**
 * Undo a merge. The person on screen loses the identities, events, traits and notes the source
 * brought, so the 360 is refetched rather than patched; cached person lists and segment members
 * are dropped because the source is a person of its own again (forgetMergedPersons).
 */
export function useUnmergeMutation() {
  const [mutate, result] = useMutation(UnmergeMutation, {
    refetchQueries: ['PersonPage'],
    awaitRefetchQueries: true,
    update(cache, { data }) {
      forgetMergedPersons(cache, data ? [data.unmerge.id] : []);
    },
  });

  const unmerge = useCallback((mergeId: string) => mutate({ variables: { mergeId } }), [mutate]);
  return [unmerge, result] as const;
}
