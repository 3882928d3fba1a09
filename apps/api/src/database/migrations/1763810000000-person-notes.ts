import type { MigrationInterface, QueryRunner } from 'typeorm';

// Staff notes on a person: who wrote what, when. Notes stay on the person they were written on;
// a merged cluster reads the notes of all its members, so merges and unmerges need not move them.
export class PersonNotes1763810000000 implements MigrationInterface {
  name = 'PersonNotes1763810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        author text NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX person_note_person_created ON person_note (person_id, created_at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE person_note;');
  }
}
