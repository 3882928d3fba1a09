import { one, type Db } from '../../database/sql.js';
import { badInput } from '../../graphql/errors.js';
import { toPersonNote, type PersonNoteRow } from './note.loaders.js';
import type { PersonNote } from './note.type.js';

export const NOTE_MAX_LENGTH = 5000;

export class NotesService {
  /** Adds a note to a (surviving) person; the body is trimmed and must be 1 to 5,000 characters. */
  async add(db: Db, input: { personId: string; body: string; author: string }): Promise<PersonNote> {
    const body = input.body.trim();
    if (body.length === 0) throw badInput('A note cannot be empty');
    if (body.length > NOTE_MAX_LENGTH) throw badInput(`A note is at most ${NOTE_MAX_LENGTH.toLocaleString('en')} characters (this one has ${body.length.toLocaleString('en')})`);
    const row = await one<PersonNoteRow>(
      db,
      'INSERT INTO person_note (person_id, author, body) VALUES ($1, $2, $3) RETURNING id, person_id, author, body, created_at',
      [input.personId, input.author, body],
    );
    return toPersonNote(row!);
  }
}
