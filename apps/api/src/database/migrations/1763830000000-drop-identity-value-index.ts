import type { MigrationInterface, QueryRunner } from 'typeorm';

// identity (value) served only the person search by an exact identifier value of any kind. The
// unique (kind, scope, value) index answers that too since PostgreSQL 18's skip scan (a handful of
// kind/scope pairs to skip through: one probe each), so every identity an import writes now
// updates one index fewer.
export class DropIdentityValueIndex1763830000000 implements MigrationInterface {
  name = 'DropIdentityValueIndex1763830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX identity_value_idx');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX identity_value_idx ON identity (value)');
  }
}
