import type { MigrationInterface, QueryRunner } from 'typeorm';

// Persons whose segment memberships a merge or an unmerge may have made wrong, waiting to be
// evaluated again (modules/segments/segment-recheck.ts). Short-lived entries, no foreign key (an
// erased person's entries are dropped when taken).
export class PersonSegmentRecheck1763880000000 implements MigrationInterface {
  name = 'PersonSegmentRecheck1763880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person_segment_recheck (
        person_id uuid NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX person_segment_recheck_person_idx ON person_segment_recheck (person_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE person_segment_recheck');
  }
}
