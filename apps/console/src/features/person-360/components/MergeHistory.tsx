import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { useUnmergeMutation } from '../hooks/useUnmergeMutation';
import { useCan } from '../../auth/hooks/useViewer';
import './MergeHistory.css';

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
  const [unmerge, { loading: unmerging }] = useUnmergeMutation();
  const canUnmerge = useCan('identity:write');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function confirmUnmerge(mergeId: string, sourcePersonId: string) {
    setProblem(null);
    setStatus('');
    try {
      const result = await unmerge(mergeId);
      setConfirming(null);
      setStatus(`Split ${result.data?.unmerge.displayName ?? shortId(sourcePersonId)} back out of this person.`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The merge could not be undone.');
    }
  }

  return (
    <Section id="merge-history" title="Merge history" meta={mergeHistory.length}>
      <p className="merge-history-status small" role="status" aria-live="polite">
        {status}
      </p>
      {problem && (
        <p className="rule-problems merge-history-status" role="alert">
          {problem}
        </p>
      )}
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
                {!merge.undoneAt &&
                  canUnmerge &&
                  (confirming === merge.id ? (
                    <UnmergeConfirm
                      source={shortId(merge.sourcePersonId)}
                      busy={unmerging}
                      onConfirm={() => void confirmUnmerge(merge.id, merge.sourcePersonId)}
                      onCancel={() => setConfirming(null)}
                    />
                  ) : (
                    <div className="merge-unmerge">
                      <button type="button" className="button button-small" onClick={() => setConfirming(merge.id)} disabled={unmerging}>
                        Unmerge
                      </button>
                    </div>
                  ))}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/** An inline confirmation: the question, then the destructive action focused so Enter confirms and Esc cancels. */
function UnmergeConfirm(props: { source: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div
      className="merge-unmerge"
      role="group"
      aria-label="Confirm unmerge"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
    >
      <p className="small">
        Split <code className="id">{props.source}</code> back out of this person?
      </p>
      <button ref={confirmRef} type="button" className="button button-small button-danger" onClick={props.onConfirm} disabled={props.busy}>
        {props.busy ? 'Splitting…' : 'Split back out'}
      </button>
      <button type="button" className="button button-small" onClick={props.onCancel} disabled={props.busy}>
        Cancel
      </button>
    </div>
  );
}

function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
