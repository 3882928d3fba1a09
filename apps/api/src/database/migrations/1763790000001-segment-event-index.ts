import type { MigrationInterface, QueryRunner } from 'typeorm';

// Behavioural segment conditions ("Order Completed at least 3 times in the last 30 days") count
// events by name and time per person. With person_id in the (name, occurred_at) index, PostgreSQL
// answers them from the index alone instead of visiting one heap page per event. The new index
// serves every query the old one did, so it replaces it rather than adding a sixth index to event.
export class SegmentEventIndex1763790000001 implements MigrationInterface {
  name = 'SegmentEventIndex1763790000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX event_name_time_person_idx ON event (name, occurred_at) INCLUDE (person_id);
      DROP INDEX event_name_time_idx;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX event_name_time_idx ON event (name, occurred_at);
      DROP INDEX event_name_time_person_idx;
    `);
  }
}
