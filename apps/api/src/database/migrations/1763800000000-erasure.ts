import type { MigrationInterface, QueryRunner } from 'typeorm';

// Erasure (right to be forgotten): a suppression list of keyed hashes, so that an erased person's
// identifiers are refused on re-ingest without keeping them; an instance secret for the keyed hash;
// and a PII-free log of erasures.
export class Erasure1763800000000 implements MigrationInterface {
  name = 'Erasure1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE instance_secret (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE erasure_suppression (
        kind text NOT NULL,
        hash text NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, hash),
        CONSTRAINT erasure_suppression_hash CHECK (hash ~ '^[0-9a-f]{64}$')
      );
      CREATE TABLE erasure_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        actor text NOT NULL,
        counts jsonb NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE erasure_log; DROP TABLE erasure_suppression; DROP TABLE instance_secret;');
  }
}
