import { type FormEvent, useId, useState } from 'react';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { useAddPersonNoteMutation } from '../hooks/useAddPersonNoteMutation';
import { useCan } from '../../auth/hooks/useViewer';
import './PersonNotes.css';

export const PersonNotesFragment = graphql(`
  fragment PersonNotes_person on Person {
    id
    notes {
      id
      body
      author
      createdAt
    }
  }
`);

const MAX_LENGTH = 5000;

export function PersonNotes(props: { person: FragmentType<typeof PersonNotesFragment> }) {
  const { id, notes } = getFragmentData(PersonNotesFragment, props.person);
  const [addNote, { loading }] = useAddPersonNoteMutation(id);
  const canWrite = useCan('profile:write');
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = useId();
  const problemId = `${fieldId}-problem`;
  const trimmed = draft.trim();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (trimmed === '' || loading) return;
    setProblem(null);
    try {
      await addNote(trimmed);
      setDraft('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The note could not be added.');
    }
  }

  return (
    <Section id="notes" title="Notes" meta={notes.length}>
      {canWrite && (
      <form className="person-note-form" onSubmit={(event) => void submit(event)}>
        <label className="field-label" htmlFor={fieldId}>
          New note
        </label>
        <textarea
          id={fieldId}
          className="input person-note-input"
          rows={3}
          value={draft}
          maxLength={MAX_LENGTH}
          onChange={(event) => setDraft(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
        />
        {problem && (
          <p id={problemId} className="rule-problems" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-small button-primary" disabled={trimmed === '' || loading}>
          {loading ? 'Adding…' : 'Add note'}
        </button>
      </form>
      )}
      {notes.length === 0 ? (
        <EmptyState>No notes yet.</EmptyState>
      ) : (
        <ol className="plain-list" aria-label="Notes, newest first">
          {notes.map((note) => (
            <li key={note.id} className="list-item">
              <div className="list-item-main">
                <span className="person-note-body">{note.body}</span>
                <span className="muted small">
                  {note.author} · <DateTime value={note.createdAt} />
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
