import type { MigrationInterface, QueryRunner } from 'typeorm';

// The whole identity graph: persons, their identifiers and where each came from, events,
// traits, consents, segments, merges and their review, and computed value.
export class InitialSchema1763770000000 implements MigrationInterface {
  name = 'InitialSchema1763770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text,
        phone text,
        first_name text,
        last_name text,
        merged_into_id uuid REFERENCES person(id),
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT person_not_merged_into_itself CHECK (merged_into_id IS NULL OR merged_into_id <> id),
        CONSTRAINT person_seen_order CHECK (first_seen_at <= last_seen_at)
      );
      CREATE INDEX person_merged_into_idx ON person (merged_into_id) WHERE merged_into_id IS NOT NULL;
      CREATE INDEX person_live_page_idx ON person (last_seen_at DESC, id DESC) WHERE merged_into_id IS NULL;
      CREATE INDEX person_email_search_idx ON person (lower(email) text_pattern_ops) WHERE merged_into_id IS NULL;
      CREATE INDEX person_name_search_idx ON person (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) text_pattern_ops) WHERE merged_into_id IS NULL;
      CREATE INDEX person_last_name_search_idx ON person (lower(last_name) text_pattern_ops) WHERE merged_into_id IS NULL;

      CREATE TABLE source_record (
        provider text NOT NULL,
        external_id text NOT NULL,
        person_id uuid REFERENCES person(id),
        status text NOT NULL,
        matched_by text,
        fingerprint text NOT NULL,
        payload jsonb NOT NULL,
        candidate_id uuid,
        observed_at timestamptz NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, external_id),
        CONSTRAINT source_record_status CHECK (status IN ('LINKED', 'PENDING')),
        CONSTRAINT source_record_linked_has_person CHECK ((status = 'LINKED') = (person_id IS NOT NULL)),
        CONSTRAINT source_record_has_identifier CHECK (provider <> '' AND external_id <> '')
      );
      CREATE INDEX source_record_person_idx ON source_record (person_id);
      CREATE INDEX source_record_candidate_idx ON source_record (candidate_id) WHERE candidate_id IS NOT NULL;

      CREATE TABLE identity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        kind text NOT NULL,
        provider text NOT NULL,
        scope text NOT NULL,
        value text NOT NULL,
        raw_value text,
        is_primary boolean NOT NULL DEFAULT false,
        verified_at timestamptz,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        metadata jsonb,
        CONSTRAINT identity_kind CHECK (kind IN ('EMAIL', 'PHONE', 'EXTERNAL_ID', 'ADDRESS_HASH', 'ANONYMOUS_ID', 'DEVICE_ID')),
        CONSTRAINT identity_has_value CHECK (value <> '' AND provider <> ''),
        CONSTRAINT identity_scope_by_kind CHECK (scope = CASE WHEN kind IN ('EXTERNAL_ID', 'ANONYMOUS_ID', 'DEVICE_ID') THEN provider ELSE '' END),
        CONSTRAINT identity_unique_value UNIQUE (kind, scope, value)
      );
      CREATE INDEX identity_person_idx ON identity (person_id, kind);
      CREATE UNIQUE INDEX identity_one_primary_per_kind ON identity (person_id, kind) WHERE is_primary;
      CREATE INDEX identity_value_idx ON identity (value);

      -- Provenance: which source record brought an identifier to its person, and by which rule.
      CREATE TABLE identity_link (
        identity_id uuid NOT NULL REFERENCES identity(id) ON DELETE CASCADE,
        record_provider text NOT NULL,
        record_external_id text NOT NULL,
        rule text NOT NULL,
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (identity_id, record_provider, record_external_id),
        FOREIGN KEY (record_provider, record_external_id) REFERENCES source_record (provider, external_id) ON DELETE CASCADE
      );
      CREATE INDEX identity_link_record_idx ON identity_link (record_provider, record_external_id);

      -- Values that must not glue people together: blocked by configuration or quarantined as hubs.
      CREATE TABLE identifier_flag (
        kind text NOT NULL,
        scope text NOT NULL,
        value text NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, scope, value),
        CONSTRAINT identifier_flag_status CHECK (status IN ('BLOCKED', 'QUARANTINED', 'RELEASED'))
      );

      -- What hub detection has seen of a value: which records claimed it under which names.
      CREATE TABLE identifier_claim (
        kind text NOT NULL,
        scope text NOT NULL,
        value text NOT NULL,
        claims jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, scope, value)
      );

      CREATE TABLE event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id text NOT NULL,
        person_id uuid REFERENCES person(id),
        identity_id uuid REFERENCES identity(id) ON DELETE SET NULL,
        user_id text,
        anonymous_id text,
        type text NOT NULL,
        name text NOT NULL,
        source text NOT NULL,
        properties jsonb NOT NULL DEFAULT '{}'::jsonb,
        context jsonb,
        session_id text,
        utm_source text,
        utm_medium text,
        utm_campaign text,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        flags text[] NOT NULL DEFAULT '{}',
        CONSTRAINT event_message_id_unique UNIQUE (message_id),
        CONSTRAINT event_has_subject CHECK (person_id IS NOT NULL OR user_id IS NOT NULL OR anonymous_id IS NOT NULL),
        CONSTRAINT event_type CHECK (type IN ('track', 'page', 'screen', 'identify', 'alias', 'group'))
      );
      CREATE INDEX event_person_time_idx ON event (person_id, occurred_at DESC, id DESC);
      CREATE INDEX event_person_name_time_idx ON event (person_id, name, occurred_at DESC, id DESC);
      CREATE INDEX event_identity_idx ON event (identity_id) WHERE identity_id IS NOT NULL;
      CREATE INDEX event_unattributed_anonymous_idx ON event (anonymous_id) WHERE person_id IS NULL;
      CREATE INDEX event_name_time_idx ON event (name, occurred_at);

      CREATE TABLE trait (
        person_id uuid NOT NULL REFERENCES person(id),
        key text NOT NULL,
        value jsonb,
        type text NOT NULL DEFAULT 'DEMOGRAPHIC',
        source text,
        set_once boolean NOT NULL DEFAULT false,
        observed_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        PRIMARY KEY (person_id, key),
        CONSTRAINT trait_key CHECK (key <> '' AND length(key) <= 200),
        CONSTRAINT trait_type CHECK (type IN ('DEMOGRAPHIC', 'BEHAVIORAL', 'COMPUTED', 'TRANSACTIONAL', 'PREFERENCE', 'ENGAGEMENT', 'RISK', 'LIFECYCLE'))
      );
      CREATE INDEX trait_key_idx ON trait (key);

      CREATE TABLE consent (
        person_id uuid NOT NULL REFERENCES person(id),
        purpose text NOT NULL,
        granted boolean NOT NULL,
        source text,
        ip text,
        updated_at timestamptz NOT NULL,
        expires_at timestamptz,
        PRIMARY KEY (person_id, purpose),
        CONSTRAINT consent_purpose CHECK (purpose IN ('MARKETING_EMAIL', 'MARKETING_SMS', 'MARKETING_PUSH', 'DATA_PROCESSING', 'THIRD_PARTY_SHARING', 'ANALYTICS_TRACKING', 'PERSONALIZATION', 'PROFILING'))
      );

      CREATE TABLE consent_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        purpose text NOT NULL,
        granted boolean NOT NULL,
        source text,
        ip text,
        occurred_at timestamptz NOT NULL,
        expires_at timestamptz,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consent_history_purpose CHECK (purpose IN ('MARKETING_EMAIL', 'MARKETING_SMS', 'MARKETING_PUSH', 'DATA_PROCESSING', 'THIRD_PARTY_SHARING', 'ANALYTICS_TRACKING', 'PERSONALIZATION', 'PROFILING'))
      );
      CREATE INDEX consent_history_person_idx ON consent_history (person_id, purpose, occurred_at DESC);

      CREATE TABLE segment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text,
        kind text NOT NULL DEFAULT 'DYNAMIC',
        rules jsonb NOT NULL,
        member_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_evaluated_at timestamptz,
        CONSTRAINT segment_kind CHECK (kind IN ('DYNAMIC', 'STATIC')),
        CONSTRAINT segment_name CHECK (name <> '')
      );
      CREATE UNIQUE INDEX segment_name_unique ON segment (lower(name));

      CREATE TABLE segment_membership (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        segment_id uuid NOT NULL REFERENCES segment(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id),
        entered_at timestamptz NOT NULL DEFAULT now(),
        exited_at timestamptz,
        CONSTRAINT segment_membership_order CHECK (exited_at IS NULL OR exited_at >= entered_at)
      );
      CREATE UNIQUE INDEX segment_membership_current_idx ON segment_membership (segment_id, person_id) WHERE exited_at IS NULL;
      CREATE INDEX segment_membership_person_idx ON segment_membership (person_id) WHERE exited_at IS NULL;

      CREATE TABLE merge_candidate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'OPEN',
        person_ids uuid[] NOT NULL,
        record_keys text[] NOT NULL DEFAULT '{}',
        evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
        score double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by text,
        reason text,
        CONSTRAINT merge_candidate_status CHECK (status IN ('OPEN', 'MERGED', 'REJECTED')),
        CONSTRAINT merge_candidate_score CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
        CONSTRAINT merge_candidate_decided CHECK ((status = 'OPEN') = (decided_at IS NULL))
      );
      CREATE INDEX merge_candidate_queue_idx ON merge_candidate (status, score DESC, created_at, id);
      CREATE INDEX merge_candidate_persons_idx ON merge_candidate USING gin (person_ids);

      -- A reviewer said these two are different people: never propose the pair again.
      CREATE TABLE merge_rejection (
        person_a uuid NOT NULL REFERENCES person(id),
        person_b uuid NOT NULL REFERENCES person(id),
        candidate_id uuid REFERENCES merge_candidate(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_a, person_b),
        CONSTRAINT merge_rejection_ordered CHECK (person_a < person_b)
      );

      CREATE TABLE person_merge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_person_id uuid NOT NULL REFERENCES person(id),
        target_person_id uuid NOT NULL REFERENCES person(id),
        reason text,
        actor text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
        candidate_id uuid REFERENCES merge_candidate(id),
        moved jsonb NOT NULL,
        merged_at timestamptz NOT NULL DEFAULT now(),
        undone_at timestamptz,
        undone_by text,
        CONSTRAINT person_merge_distinct CHECK (source_person_id <> target_person_id)
      );
      CREATE INDEX person_merge_target_idx ON person_merge (target_person_id, merged_at DESC);
      CREATE INDEX person_merge_source_idx ON person_merge (source_person_id, merged_at DESC);

      CREATE TABLE lifetime_value (
        person_id uuid PRIMARY KEY REFERENCES person(id),
        current_value double precision NOT NULL,
        predicted_value double precision,
        total_purchases integer NOT NULL,
        average_purchase_value double precision NOT NULL,
        churn_probability double precision,
        expected_purchases double precision,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lifetime_value_churn CHECK (churn_probability IS NULL OR (churn_probability >= 0 AND churn_probability <= 1)),
        CONSTRAINT lifetime_value_purchases CHECK (total_purchases >= 0)
      );

      CREATE TABLE engagement_score (
        person_id uuid PRIMARY KEY REFERENCES person(id),
        overall integer NOT NULL,
        recency integer NOT NULL,
        frequency integer NOT NULL,
        monetary integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT engagement_score_range CHECK (overall BETWEEN 0 AND 100 AND recency BETWEEN 0 AND 100 AND frequency BETWEEN 0 AND 100 AND monetary BETWEEN 0 AND 100)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE engagement_score;
      DROP TABLE lifetime_value;
      DROP TABLE person_merge;
      DROP TABLE merge_rejection;
      DROP TABLE merge_candidate;
      DROP TABLE segment_membership;
      DROP TABLE segment;
      DROP TABLE consent_history;
      DROP TABLE consent;
      DROP TABLE trait;
      DROP TABLE event;
      DROP TABLE identifier_claim;
      DROP TABLE identifier_flag;
      DROP TABLE identity_link;
      DROP TABLE identity;
      DROP TABLE source_record;
      DROP TABLE person;
    `);
  }
}
