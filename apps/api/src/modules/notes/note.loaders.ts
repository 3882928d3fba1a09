import DataLoader from 'dataloader';
import { rows, type Db } from '../../database/sql.js';
import type { PersonNote } from './note.type.js';

export interface PersonNoteRow {
  id: string;
  person_id: string;
  author: string;
  body: string;
  created_at: Date;
}

export function toPersonNote(row: PersonNoteRow): PersonNote {
  return { id: row.id, body: row.body, author: row.author, createdAt: row.created_at };
}

/**
 * Notes of each person and of everyone merged into it (directly or through others), newest first.
 * Notes stay where they were written, so an unmerge takes a person's notes back out with it.
 */
export function createNotesByPersonLoader(db: Db) {
  return new DataLoader<string, PersonNote[]>(async (personIds) => {
    const found = await rows<PersonNoteRow & { root_id: string }>(
      db,
      `WITH RECURSIVE tree AS (
         SELECT id AS root_id, id, 0 AS depth FROM person WHERE id = ANY($1::uuid[])
         UNION ALL
         SELECT tree.root_id, p.id, tree.depth + 1 FROM person p JOIN tree ON p.merged_into_id = tree.id
         WHERE tree.depth < 64
       )
       SELECT tree.root_id, n.id, n.person_id, n.author, n.body, n.created_at
       FROM tree JOIN person_note n ON n.person_id = tree.id
       ORDER BY tree.root_id, n.created_at DESC, n.id DESC`,
      [personIds],
    );
    const groups = new Map<string, PersonNote[]>();
    for (const row of found) {
      const group = groups.get(row.root_id) ?? [];
      group.push(toPersonNote(row));
      groups.set(row.root_id, group);
    }
    return personIds.map((id) => groups.get(id.toLowerCase()) ?? groups.get(id) ?? []);
  });
}
