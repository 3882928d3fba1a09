import type { MigrationInterface, QueryRunner } from 'typeorm';

// Access control: staff users with a role, their sign-in sessions, scoped API keys, and an
// append-only audit log. Secrets are stored only as hashes: passwords with scrypt (a slow KDF),
// session tokens and API keys with SHA-256 (they are long random strings, so a fast hash is enough
// and lets a request find its credential by hash).
export class AccessControl1763840000000 implements MigrationInterface {
  name = 'AccessControl1763840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE staff_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
        name text,
        role text NOT NULL CHECK (role IN ('ADMIN', 'SUPPORT', 'MARKETER', 'VIEWER')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        disabled_at timestamptz,
        last_sign_in_at timestamptz
      );
      CREATE UNIQUE INDEX staff_user_email ON staff_user (email);

      CREATE TABLE staff_session (
        token_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX staff_session_user ON staff_session (user_id);

      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        key_prefix text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['graph:read', 'pii:read', 'ingest:write']),
        source_id uuid REFERENCES source(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz
      );

      -- Who did what to whom, when and why. Append-only: the triggers below refuse every UPDATE,
      -- DELETE and TRUNCATE, so the application cannot rewrite its own history. No PII goes in
      -- here: persons are named by id.
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL,
        person_id uuid,
        subject_id text,
        reason text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
      CREATE INDEX audit_log_person ON audit_log (person_id, at DESC) WHERE person_id IS NOT NULL;
      CREATE INDEX audit_log_action ON audit_log (action, at DESC);

      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE audit_log;
      DROP FUNCTION audit_log_is_append_only();
      DROP TABLE api_key;
      DROP TABLE staff_session;
      DROP TABLE staff_user;
    `);
  }
}
