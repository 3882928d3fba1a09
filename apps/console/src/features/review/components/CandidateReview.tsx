import type { ReactNode } from 'react';
import { Badge } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { humanizeEnum } from '../../../components/format';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { CandidateComparison } from './CandidateComparison';
import { candidateTitle, formatScore } from './candidateText';
import { EvidenceList } from './EvidenceList';

export const CandidateReviewFragment = graphql(`
  fragment CandidateReview_mergeCandidate on MergeCandidate {
    id
    status
    score
    createdAt
    decidedAt
    decidedBy
    reason
    persons {
      id
      displayName
    }
    pendingRecords {
      provider
      externalId
      payload
    }
    ...CandidateComparison_mergeCandidate
    ...EvidenceList_mergeCandidate
  }
`);

interface CandidateReviewProps {
  candidate: FragmentType<typeof CandidateReviewFragment>;
  /** The decision controls; only shown while the candidate is open. */
  actions: ReactNode;
}

export function CandidateReview(props: CandidateReviewProps) {
  const candidate = getFragmentData(CandidateReviewFragment, props.candidate);
  const title = candidateTitle(candidate.persons, candidate.pendingRecords);
  return (
    <section className="candidate-review" aria-labelledby="candidate-heading" data-candidate-id={candidate.id}>
      <div className="candidate-review-header">
        <div>
          <h2 id="candidate-heading" className="candidate-heading" tabIndex={-1}>
            {title}
          </h2>
          <p className="candidate-facts muted">
            Score <strong className="candidate-score">{formatScore(candidate.score)}</strong> · proposed{' '}
            <DateTime value={candidate.createdAt} relative />
          </p>
        </div>
        {candidate.status !== 'OPEN' && (
          <Badge tone={candidate.status === 'MERGED' ? 'success' : 'neutral'}>{humanizeEnum(candidate.status)}</Badge>
        )}
      </div>

      {candidate.status === 'OPEN' ? (
        props.actions
      ) : (
        <p className="notice">
          Already decided{candidate.decidedBy ? ` by ${candidate.decidedBy}` : ''} <DateTime value={candidate.decidedAt} relative />
          {candidate.reason ? `: “${candidate.reason}”` : '.'}
        </p>
      )}

      <section className="panel" aria-labelledby="comparison-heading">
        <div className="panel-header">
          <h3 id="comparison-heading" className="panel-title">
            Comparison
          </h3>
        </div>
        <CandidateComparison candidate={candidate} />
      </section>

      <section className="panel" aria-labelledby="evidence-heading">
        <div className="panel-header">
          <h3 id="evidence-heading" className="panel-title">
            Evidence
          </h3>
        </div>
        <EvidenceList candidate={candidate} />
      </section>
    </section>
  );
}
