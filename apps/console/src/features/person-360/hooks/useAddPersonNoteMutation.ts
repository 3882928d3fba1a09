import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../../../gql';

const AddPersonNoteMutation = graphql(`
  mutation AddPersonNote($personId: ID!, $body: String!) {
    addPersonNote(personId: $personId, body: $body) {
      id
      body
      author
      createdAt
    }
  }
`);

/** Add a staff note; the new note goes to the top of the person's cached notes (newest first). */
export function useAddPersonNoteMutation(personId: string) {
  const [mutate, result] = useMutation(AddPersonNoteMutation, {
    update(cache, { data }) {
      const note = data?.addPersonNote;
      if (!note) return;
      cache.modify({
        id: cache.identify({ __typename: 'Person', id: personId }),
        fields: {
          notes(existing: readonly Reference[] = [], { toReference, readField }) {
            if (existing.some((ref) => readField('id', ref) === note.id)) return existing;
            const ref = toReference({ __typename: 'PersonNote', id: note.id });
            return ref ? [ref, ...existing] : existing;
          },
        },
      });
    },
  });

  const addNote = useCallback((body: string) => mutate({ variables: { personId, body } }), [mutate, personId]);
  return [addNote, result] as const;
}
