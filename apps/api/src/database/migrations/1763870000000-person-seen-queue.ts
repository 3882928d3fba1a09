import type { MigrationInterface, QueryRunner } from 'typeorm';

// Seen times of persons from high-volume event ingestion, waiting to be folded into person
// first_seen_at/last_seen_at (modules/persons/person-seen.ts). Append-only between flushes, so no
// foreign key (a locking lookup per row; an erased person's entries are dropped) and no index: it
// holds a few seconds of traffic, and a merge that folds its persons' entries reads it whole.
export class PersonSeenQueue1763870000000 implements MigrationInterface {
  name = 'PersonSeenQueue1763870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person_seen_queue (
        person_id uuid NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Entries not folded yet are folded before the table goes.
    await queryRunner.query(`
      UPDATE person p SET first_seen_at = least(p.first_seen_at, q.first_at), last_seen_at = greatest(p.last_seen_at, q.last_at)
      FROM (SELECT person_id, min(first_at) AS first_at, max(last_at) AS last_at FROM person_seen_queue GROUP BY person_id) q
      WHERE p.id = q.person_id;
      DROP TABLE person_seen_queue;
    `);
  }
}
