import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../../gql';
import type { MergeDecision } from '../../../gql/graphql';

const DecideMergeCandidateMutation = graphql(`
  mutation DecideMergeCandidate($id: ID!, $decision: MergeDecision!, $reason: String) {
    decideMergeCandidate(id: $id, decision: $decision, reason: $reason) {
      id
      status
      decidedAt
      decidedBy
      reason
    }
  }
`);

/**
 * Decide a review item. The decided candidate leaves every cached queue page at once, and the
 * cached person lists are dropped: a merge folds persons together and a rejection gives the
 * waiting records persons of their own, so those lists are no longer what the API would return.
 */
export function useDecideMergeCandidateMutation() {
  const [mutate, result] = useMutation(DecideMergeCandidateMutation, {
    update(cache, { data }) {
      const decided = data?.decideMergeCandidate;
      if (!decided) return;
      cache.modify({
        fields: {
          mergeCandidates(existing, { readField }) {
            if (!Array.isArray(existing)) return existing;
            return existing.filter((ref: Reference) => readField('id', ref) !== decided.id);
          },
          persons(_existing, { DELETE }) {
            return DELETE;
          },
        },
      });
    },
  });

  const decide = useCallback(
    (id: string, decision: MergeDecision, reason: string | null = null) => mutate({ variables: { id, decision, reason } }),
    [mutate],
  );
  return [decide, result] as const;
}
