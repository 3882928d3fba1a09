import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../../gql';
import { forgetMergedPersons } from '../forgetMergedPersons';
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
 * A merge also drops the merged persons and every segment's members (forgetMergedPersons).
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
        },
      });
      if (decided.status === 'MERGED') {
        // The candidate's persons as the cache knew them (the response does not select them, so they
        // are still the ids from before the merge, the merged-away ones included).
        const personIds: string[] = [];
        cache.modify({
          id: cache.identify({ __typename: 'MergeCandidate', id: decided.id }),
          fields: {
            persons(existing, { readField }) {
              for (const ref of Array.isArray(existing) ? existing : []) {
                const id = readField<string>('id', ref as Reference);
                if (id) personIds.push(id);
              }
              return existing;
            },
          },
        });
        forgetMergedPersons(cache, personIds);
      }
    },
  });

  const decide = useCallback(
    (id: string, decision: MergeDecision, reason: string | null = null) => mutate({ variables: { id, decision, reason } }),
    [mutate],
  );
  return [decide, result] as const;
}
