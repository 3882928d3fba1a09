import type { MigrationInterface, QueryRunner } from 'typeorm';

// A segment saved by someone who may not read personal values (no pii:read) is evaluated so that
// its string conditions on traits and event properties never match a value holding an e-mail
// address or phone number: its count would otherwise read back what their view masks.
export class SegmentGuardedValues1763850000000 implements MigrationInterface {
  name = 'SegmentGuardedValues1763850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE segment ADD COLUMN guards_personal_values boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE segment DROP COLUMN guards_personal_values');
  }
}
