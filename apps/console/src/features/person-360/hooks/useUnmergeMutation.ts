import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../../gql';

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
 * brought, so the 360 is refetched rather than patched; cached person lists are dropped because
 * the source is a person of its own again.
 */
export function useUnmergeMutation() {
  const [mutate, result] = useMutation(UnmergeMutation, {
    refetchQueries: ['PersonPage'],
    awaitRefetchQueries: true,
    update(cache) {
      cache.modify({
        fields: {
          persons(_existing, { DELETE }) {
            return DELETE;
          },
        },
      });
    },
  });

  const unmerge = useCallback((mergeId: string) => mutate({ variables: { mergeId } }), [mutate]);
  return [unmerge, result] as const;
}
