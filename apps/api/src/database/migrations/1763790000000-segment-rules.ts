import type { MigrationInterface, QueryRunner } from 'typeorm';

// Segment rules compare date traits (JSON strings) as instants. A cast that fails would abort the
// whole query, so the compiled SQL reads them through this function: the shapes the rule
// validator accepts (YYYY-MM-DD as midnight UTC, or an ISO instant with an offset), else NULL.
// The patterns are copies of ISO_DATE_PATTERN and ISO_INSTANT_PATTERN in @spine/segment-rules
// (frozen here: a migration must not change when the package does).
export class SegmentRules1763790000000 implements MigrationInterface {
  name = 'SegmentRules1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION segment_rules_timestamptz(value text) RETURNS timestamptz
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF value ~ '^(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' THEN
          RETURN (value || 'T00:00:00Z')::timestamptz;
        ELSIF value ~ '^(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,6})?)?(Z|[+-](0\\d|1[0-4]):[0-5]\\d)$' THEN
          RETURN value::timestamptz;
        END IF;
        RETURN NULL;
      EXCEPTION WHEN others THEN
        RETURN NULL;
      END $$;
      -- Membership history of one segment, newest first (who entered and left, and when).
      CREATE INDEX segment_membership_history_idx ON segment_membership (segment_id, entered_at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX segment_membership_history_idx;
      DROP FUNCTION segment_rules_timestamptz(text);
    `);
  }
}
