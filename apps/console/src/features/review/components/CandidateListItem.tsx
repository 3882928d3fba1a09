import { Link } from 'react-router-dom';
import { DateTime } from '../../../components/DateTime';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { candidateTitle, formatScore } from './candidateText';

export const CandidateListItemFragment = graphql(`
  fragment CandidateListItem_mergeCandidate on MergeCandidate {
    id
    score
    createdAt
    persons {
      id
      displayName
    }
    pendingRecords {
      provider
      externalId
      payload
    }
  }
`);

interface CandidateListItemProps {
  candidate: FragmentType<typeof CandidateListItemFragment>;
  selected: boolean;
  href: string;
}

export function CandidateListItem(props: CandidateListItemProps) {
  const candidate = getFragmentData(CandidateListItemFragment, props.candidate);
  return (
    <li className={props.selected ? 'candidate-item is-selected' : 'candidate-item'}>
      <Link
        to={props.href}
        className="candidate-link"
        aria-current={props.selected ? 'true' : undefined}
        data-candidate-id={candidate.id}
        // Keeps the page's own scroll position: the list and the detail scroll independently.
        preventScrollReset
      >
        <span className="candidate-title">{candidateTitle(candidate.persons, candidate.pendingRecords)}</span>
        <span className="candidate-meta">
          <span className="candidate-score" title="Match score">
            <span className="visually-hidden">Score </span>
            {formatScore(candidate.score)}
          </span>
          <span className="muted">
            <DateTime value={candidate.createdAt} relative />
          </span>
        </span>
      </Link>
    </li>
  );
}
