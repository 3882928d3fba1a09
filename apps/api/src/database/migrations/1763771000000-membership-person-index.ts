import type { MigrationInterface, QueryRunner } from 'typeorm';

// Merges and unmerges move a person's whole membership history, not only current memberships:
// index every membership by person, not just the current ones.
export class MembershipPersonIndex1763771000000 implements MigrationInterface {
  name = 'MembershipPersonIndex1763771000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX segment_membership_person_all_idx ON segment_membership (person_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX segment_membership_person_all_idx');
  }
}
