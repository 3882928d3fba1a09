import type { MigrationInterface, QueryRunner } from 'typeorm';

// Fitted lifetime-value models (BG/NBD + Gamma-Gamma), kept as a history: the latest one serves
// per-person forecasts, and the scheduler reads when the last recompute ran.
export class LifetimeValueModel1763780000000 implements MigrationInterface {
  name = 'LifetimeValueModel1763780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ltv_model (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL,
        time_unit text NOT NULL,
        calibration_end timestamptz NOT NULL,
        r double precision NOT NULL,
        alpha double precision NOT NULL,
        a double precision NOT NULL,
        b double precision NOT NULL,
        p double precision,
        q double precision,
        gamma double precision,
        log_likelihood double precision NOT NULL,
        gamma_gamma_log_likelihood double precision,
        customers integer NOT NULL,
        repeat_customers integer NOT NULL,
        fallback_spend double precision NOT NULL,
        evaluations integer NOT NULL,
        converged boolean NOT NULL,
        fitted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ltv_model_purpose CHECK (purpose IN ('FIT', 'RECOMPUTE')),
        CONSTRAINT ltv_model_time_unit CHECK (time_unit IN ('day', 'week')),
        CONSTRAINT ltv_model_gamma_gamma CHECK ((p IS NULL) = (q IS NULL) AND (q IS NULL) = (gamma IS NULL)),
        CONSTRAINT ltv_model_customers CHECK (customers > 0 AND repeat_customers >= 0 AND repeat_customers <= customers)
      );
      CREATE INDEX ltv_model_latest_idx ON ltv_model (fitted_at DESC);
      CREATE INDEX ltv_model_purpose_latest_idx ON ltv_model (purpose, fitted_at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ltv_model;`);
  }
}
