import type { MigrationInterface, QueryRunner } from 'typeorm';

// event.identity_id says which identity attributed an event; its foreign key cost every stored
// event a locking lookup of that identity (FOR KEY SHARE: concurrent batches naming the same
// identities shared those locks, as MultiXacts), about a sixth of PostgreSQL's work per /v1 batch.
// Identities are deleted only by erasure, which now clears the references itself (its ON DELETE
// SET NULL). event.person_id keeps its foreign key: it is what keeps an event from outliving the
// erasure of its person while a concurrent batch stores it.
export class EventIdentityReference1763870000001 implements MigrationInterface {
  name = 'EventIdentityReference1763870000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE event DROP CONSTRAINT event_identity_id_fkey');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('UPDATE event e SET identity_id = NULL WHERE identity_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM identity i WHERE i.id = e.identity_id)');
    await queryRunner.query('ALTER TABLE event ADD CONSTRAINT event_identity_id_fkey FOREIGN KEY (identity_id) REFERENCES identity(id) ON DELETE SET NULL');
  }
}
