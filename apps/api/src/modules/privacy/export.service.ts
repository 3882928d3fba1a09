// Data subject access: everything Spine holds on a person, and on everyone merged into them, as
// one JSON document. Read in one REPEATABLE READ snapshot so the parts agree with each other.
import type { DataSource } from 'typeorm';
import { notFound } from '../../graphql/errors.js';
import { one } from '../../database/sql.js';
import { livePersonIds } from '../persons/live-persons.js';

export const EXPORT_FORMAT = 'spine.person-export.v1';

/** Each part: its name and the rows of the cluster ($1 = the cluster's person ids), oldest first. */
const PARTS: [string, string][] = [
  ['persons', 'SELECT * FROM person WHERE id = ANY($1) ORDER BY first_seen_at, id'],
  ['identities', 'SELECT * FROM identity WHERE person_id = ANY($1) ORDER BY kind, first_seen_at, id'],
  ['identityLinks', 'SELECT l.* FROM identity_link l JOIN identity i ON i.id = l.identity_id WHERE i.person_id = ANY($1) ORDER BY l.linked_at'],
  ['sourceRecords', 'SELECT * FROM source_record WHERE person_id = ANY($1) ORDER BY provider, external_id'],
  ['traits', 'SELECT * FROM trait WHERE person_id = ANY($1) ORDER BY key'],
  ['consents', 'SELECT * FROM consent WHERE person_id = ANY($1) ORDER BY purpose'],
  ['consentHistory', 'SELECT * FROM consent_history WHERE person_id = ANY($1) ORDER BY occurred_at, id'],
  ['events', 'SELECT * FROM event WHERE person_id = ANY($1) ORDER BY occurred_at, id'],
  ['segmentMemberships', 'SELECT m.*, s.name AS segment_name FROM segment_membership m JOIN segment s ON s.id = m.segment_id WHERE m.person_id = ANY($1) ORDER BY m.entered_at'],
  ['lifetimeValues', 'SELECT * FROM lifetime_value WHERE person_id = ANY($1)'],
  ['engagementScores', 'SELECT * FROM engagement_score WHERE person_id = ANY($1)'],
  ['merges', 'SELECT * FROM person_merge WHERE source_person_id = ANY($1) OR target_person_id = ANY($1) ORDER BY merged_at, id'],
  ['mergeCandidates', 'SELECT * FROM merge_candidate WHERE person_ids && $1 ORDER BY created_at, id'],
  ['notes', 'SELECT * FROM person_note WHERE person_id = ANY($1) ORDER BY created_at, id'],
];

export class ExportService {
  async export(db: DataSource, personId: string): Promise<{ personId: string; document: Record<string, unknown> }> {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const liveId = (await livePersonIds(runner.manager, [personId])).get(personId);
      if (!liveId) throw notFound(`No person with id ${personId}`);
      const parts = PARTS.map(([name, sql]) => `'${name}', (SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) FROM (${sql.replaceAll('$1', 'cluster.ids')}) t)`);
      const row = await one<{ document: Record<string, unknown> }>(
        runner.manager,
        `WITH RECURSIVE tree AS (SELECT id FROM person WHERE id = $1 UNION ALL SELECT p.id FROM person p JOIN tree ON p.merged_into_id = tree.id),
              cluster AS (SELECT array_agg(id) AS ids FROM tree)
         SELECT jsonb_build_object(${parts.join(',\n')}) AS document FROM cluster`,
        [liveId],
      );
      await runner.commitTransaction();
      return { personId: liveId, document: { format: EXPORT_FORMAT, exportedAt: new Date().toISOString(), personId: liveId, ...row!.document } };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
