import type { MigrationInterface, QueryRunner } from 'typeorm';

// Sources of tracked events (a website, an app, a backend): each has a write key, kept only as
// its SHA-256, and the provider its userIds belong to.
export class EventSources1763790300000 implements MigrationInterface {
  name = 'EventSources1763790300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        provider text NOT NULL,
        write_key_hash text NOT NULL,
        write_key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT source_name CHECK (name <> '' AND length(name) <= 100),
        CONSTRAINT source_provider CHECK (provider <> '' AND provider = lower(provider) AND length(provider) <= 100),
        CONSTRAINT source_write_key_hash_unique UNIQUE (write_key_hash)
      );
      CREATE UNIQUE INDEX source_name_unique ON source (lower(name));

      -- alias and late identifies attribute events that arrived under a userId nobody held yet.
      CREATE INDEX event_unattributed_user_idx ON event (user_id) WHERE person_id IS NULL AND user_id IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX event_unattributed_user_idx;
      DROP TABLE source;
    `);
  }
}
