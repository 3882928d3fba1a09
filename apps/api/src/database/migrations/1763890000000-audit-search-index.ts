import type { MigrationInterface, QueryRunner } from 'typeorm';

// Searches and lookups of persons are audited under a keyed hash of what was searched
// (details.searchHash). This index lets a repeated search find its entry of the last minutes
// (one entry per search and window), and auditLog(searchedFor:) find every search for a text,
// without reading the whole log.
export class AuditSearchIndex1763890000000 implements MigrationInterface {
  name = 'AuditSearchIndex1763890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX audit_log_search ON audit_log ((details->>'searchHash'), at) WHERE details ? 'searchHash'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX audit_log_search');
  }
}
