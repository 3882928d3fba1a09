import type { MigrationInterface, QueryRunner } from 'typeorm';

// Provenance of an identity's first link on the identity row itself. Identity resolution gives every
// identifier it creates exactly one link (the record that brought it and the rule that matched);
// as an identity_link row that cost a row, two index entries and two foreign-key checks per
// identifier, more than the identity itself, and made bulk imports twice as slow. identity_link keeps
// the further links (a reviewer settling waiting records). The origin columns carry no foreign key
// (it would cost a check per inserted identity): a record deleted since (erasure) is recognised
// when read, because a record that exists but was first seen after the link was made is another
// one (source_record.first_seen_at is set once, when the row is inserted).
export class IdentityOrigin1763820000000 implements MigrationInterface {
  name = 'IdentityOrigin1763820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE identity
        ADD COLUMN origin_record_provider text,
        ADD COLUMN origin_record_external_id text,
        ADD COLUMN origin_rule text,
        ADD COLUMN origin_linked_at timestamptz,
        ADD CONSTRAINT identity_origin_complete CHECK (
          (origin_rule IS NULL) = (origin_record_provider IS NULL) AND (origin_rule IS NULL) = (origin_record_external_id IS NULL)
          AND (origin_rule IS NULL) = (origin_linked_at IS NULL));

      WITH first_link AS (
        SELECT DISTINCT ON (identity_id) identity_id, record_provider, record_external_id, rule, linked_at
        FROM identity_link ORDER BY identity_id, linked_at, record_provider, record_external_id
      )
      UPDATE identity i SET origin_record_provider = f.record_provider, origin_record_external_id = f.record_external_id,
                            origin_rule = f.rule, origin_linked_at = f.linked_at
      FROM first_link f WHERE i.id = f.identity_id;

      DELETE FROM identity_link l USING identity i
      WHERE l.identity_id = i.id AND l.record_provider = i.origin_record_provider AND l.record_external_id = i.origin_record_external_id;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO identity_link (identity_id, record_provider, record_external_id, rule, linked_at)
      SELECT i.id, i.origin_record_provider, i.origin_record_external_id, i.origin_rule, i.origin_linked_at
      FROM identity i JOIN source_record r ON r.provider = i.origin_record_provider AND r.external_id = i.origin_record_external_id
      WHERE i.origin_rule IS NOT NULL AND r.first_seen_at <= i.origin_linked_at
      ON CONFLICT DO NOTHING;

      ALTER TABLE identity
        DROP CONSTRAINT identity_origin_complete,
        DROP COLUMN origin_record_provider,
        DROP COLUMN origin_record_external_id,
        DROP COLUMN origin_rule,
        DROP COLUMN origin_linked_at;
    `);
  }
}
