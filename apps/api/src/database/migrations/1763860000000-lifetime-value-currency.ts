import type { MigrationInterface, QueryRunner } from 'typeorm';

// Lifetime values are converted to SPINE_CURRENCY; each row keeps the currency it was written in,
// so a change of SPINE_CURRENCY never relabels figures computed in another one. Rows written
// before have none (their amounts were added whatever their currency): the next recompute
// rewrites them, and until then they are served in the configured currency.
export class LifetimeValueCurrency1763860000000 implements MigrationInterface {
  name = 'LifetimeValueCurrency1763860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE lifetime_value ADD COLUMN currency text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE lifetime_value DROP COLUMN currency');
  }
}
