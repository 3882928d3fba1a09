import { Link } from 'react-router-dom';
import { Badge } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const MergeHistoryFragment = graphql(`
  fragment MergeHistory_person on Person {
    mergeHistory {
      id
      sourcePersonId
      reason
      actor
      mergedAt
      undoneAt
      targetPerson {
        id
        displayName
      }
    }
  }
`);

export function MergeHistory(props: { person: FragmentType<typeof MergeHistoryFragment> }) {
  const { mergeHistory } = getFragmentData(MergeHistoryFragment, props.person);
  const sorted = [...mergeHistory].sort((a, b) => b.mergedAt.localeCompare(a.mergedAt));

  return (
    <Section id="merge-history" title="Merge history" meta={mergeHistory.length}>
      {mergeHistory.length === 0 ? (
        <EmptyState>Never merged.</EmptyState>
      ) : (
        <ol className="plain-list timeline">
          {sorted.map((merge) => (
            <li key={merge.id} className={merge.undoneAt ? 'list-item is-undone' : 'list-item'}>
              <div className="list-item-main">
                <span>
                  <Link to={`/persons/${encodeURIComponent(merge.sourcePersonId)}`}>
                    <code className="id" title={merge.sourcePersonId}>{shortId(merge.sourcePersonId)}</code>
                  </Link>{' '}
                  merged into{' '}
                  <Link to={`/persons/${encodeURIComponent(merge.targetPerson.id)}`}>{merge.targetPerson.displayName}</Link>
                  {merge.undoneAt && (
                    <>
                      {' '}
                      <Badge tone="warning">Undone</Badge>
                    </>
                  )}
                </span>
                <span className="muted small">
                  by {merge.actor} · <DateTime value={merge.mergedAt} />
                  {merge.undoneAt && (
                    <>
                      {' '}
                      · undone <DateTime value={merge.undoneAt} />
                    </>
                  )}
                </span>
                {merge.reason && <span className="small">{merge.reason}</span>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
