import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../../gql';

const ExportPersonQuery = graphql(`
  query ExportPerson($id: ID!, $reason: String) {
    exportPerson(id: $id, reason: $reason)
  }
`);

const ErasePersonMutation = graphql(`
  mutation ErasePerson($id: ID!, $reason: String) {
    erasePerson(id: $id, reason: $reason)
  }
`);

/** Everything held on the person as JSON (audited); never cached, it is fetched for one download. */
export function useExportPerson() {
  const client = useApolloClient();
  return useCallback(
    async (id: string, reason: string | null) => {
      const { data } = await client.query({ query: ExportPersonQuery, variables: { id, reason }, fetchPolicy: 'no-cache' });
      return data?.exportPerson;
    },
    [client],
  );
}

/** Erase the person: nothing of them may stay in the cache either. */
export function useErasePersonMutation() {
  const client = useApolloClient();
  const [mutate, result] = useMutation(ErasePersonMutation);
  const erase = useCallback(
    async (id: string, reason: string | null) => {
      await mutate({ variables: { id, reason } });
      await client.clearStore();
    },
    [client, mutate],
  );
  return [erase, result] as const;
}
