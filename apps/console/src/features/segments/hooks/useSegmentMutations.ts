import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../../gql';

const CreateSegmentMutation = graphql(`
  mutation CreateSegment($input: SegmentInput!) {
    createSegment(input: $input) {
      id
      rules
      ...SegmentRow_segment
      ...SegmentEditor_segment
    }
  }
`);

const UpdateSegmentMutation = graphql(`
  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {
    updateSegment(id: $id, input: $input) {
      id
      ...SegmentRow_segment
      ...SegmentEditor_segment
    }
  }
`);

const RefreshSegmentMutation = graphql(`
  mutation RefreshSegment($id: ID!) {
    refreshSegment(id: $id) {
      entered
      exited
      segment {
        id
        memberCount
        lastEvaluatedAt
      }
    }
  }
`);

const DeleteSegmentMutation = graphql(`
  mutation DeleteSegment($id: ID!) {
    deleteSegment(id: $id)
  }
`);

export interface SegmentInput {
  name: string;
  description: string | null;
  rules: unknown;
}

/** Membership was re-evaluated: the cached member pages are out of date. */
function forgetMembers(cache: ApolloCache, id: string) {
  cache.evict({ id: cache.identify({ __typename: 'Segment', id }), fieldName: 'members' });
}

/** Creates a segment (evaluated at once by the API) and adds it to the cached list. */
export function useCreateSegmentMutation() {
  const [mutate, state] = useMutation(CreateSegmentMutation, {
    update(cache, { data }) {
      const created = data?.createSegment;
      if (!created) return;
      cache.modify({
        fields: {
          segments(existing, { toReference }) {
            const list = existing as readonly unknown[];
            return [...list, toReference({ __typename: 'Segment', id: created.id })];
          },
        },
      });
    },
  });
  return [async (input: SegmentInput) => (await mutate({ variables: { input } })).data?.createSegment ?? null, state] as const;
}

/** Saves new name, description or rules; the API re-evaluates the members. */
export function useUpdateSegmentMutation() {
  const [mutate, state] = useMutation(UpdateSegmentMutation, {
    update(cache, { data }) {
      if (data) forgetMembers(cache, data.updateSegment.id);
    },
  });
  return [async (id: string, input: SegmentInput) => (await mutate({ variables: { id, input } })).data?.updateSegment ?? null, state] as const;
}

/**
 * Re-evaluates a segment now; reports who entered and who left. The live preview on the page asks
 * again too: data changed since it was counted is what a refresh picks up, and the two counts
 * would otherwise disagree.
 */
export function useRefreshSegmentMutation() {
  const [mutate, state] = useMutation(RefreshSegmentMutation, {
    update(cache, { data }) {
      if (data) forgetMembers(cache, data.refreshSegment.segment.id);
    },
    refetchQueries: ['PreviewSegment'],
  });
  return [async (id: string) => (await mutate({ variables: { id } })).data?.refreshSegment ?? null, state] as const;
}

/** Deletes a segment and drops it from every cached list. */
export function useDeleteSegmentMutation() {
  const [mutate, state] = useMutation(DeleteSegmentMutation);
  return [
    async (id: string) => {
      const result = await mutate({
        variables: { id },
        update(cache) {
          cache.evict({ id: cache.identify({ __typename: 'Segment', id }) });
          cache.gc();
        },
      });
      return result.data?.deleteSegment ?? false;
    },
    state,
  ] as const;
}
