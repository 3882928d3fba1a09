import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { formatNumber } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { CandidateListItem } from '../../features/review/components/CandidateListItem';
import { CandidateReview } from '../../features/review/components/CandidateReview';
import { DecisionBar } from '../../features/review/components/DecisionBar';
import { ShortcutLegend } from '../../features/review/components/ShortcutLegend';
import { useDecideMergeCandidateMutation } from '../../features/review/hooks/useDecideMergeCandidateMutation';
import { graphql } from '../../gql';
import type { MergeDecision } from '../../gql/graphql';
import './ReviewPage.css';
import { useCan } from '../../features/auth/hooks/useViewer';

const PAGE_SIZE = 25;

const ReviewQueueQuery = graphql(`
  query ReviewQueue($first: Int!, $after: String) {
    mergeCandidates(status: OPEN, first: $first, after: $after) {
      id
      ...CandidateListItem_mergeCandidate
      ...CandidateReview_mergeCandidate
    }
  }
`);

// A link to a candidate that is no longer in the open queue (decided, or further down the list).
const ReviewCandidateQuery = graphql(`
  query ReviewCandidate($id: ID!) {
    mergeCandidate(id: $id) {
      id
      ...CandidateReview_mergeCandidate
    }
  }
`);

/** Single-key shortcuts must never steal a keystroke meant for a form field. */
function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export function ReviewPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [exhausted, setExhausted] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  /** The candidate whose heading takes focus once it is on screen ('queue' when none is left). */
  const focusAfterDecision = useRef<string | null>(null);

  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(ReviewQueueQuery, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const candidates = (data ?? previousData)?.mergeCandidates;
  const list = candidates ?? [];
  useDocumentTitle(candidates ? `Review (${list.length}${exhausted || list.length < PAGE_SIZE ? '' : '+'})` : 'Review');

  const requestedId = searchParams.get('candidate');
  const selectedIndex = requestedId ? list.findIndex((candidate) => candidate.id === requestedId) : list.length ? 0 : -1;
  const selected = selectedIndex >= 0 ? list[selectedIndex] : null;
  const outsideQueue = useQuery(ReviewCandidateQuery, {
    variables: { id: requestedId ?? '' },
    skip: !requestedId || !candidates || selected !== null,
  });

  const [decide, decision] = useDecideMergeCandidateMutation();
  const canDecide = useCan('identity:write');

  const select = useCallback(
    (id: string | null) => {
      setSearchParams(id ? { candidate: id } : {}, { replace: true });
      setRejecting(false);
      setReason('');
    },
    [setSearchParams],
  );

  const move = useCallback(
    (step: 1 | -1) => {
      if (!list.length) return;
      const from = selectedIndex < 0 ? (step === 1 ? -1 : list.length) : selectedIndex;
      const to = Math.min(Math.max(from + step, 0), list.length - 1);
      const id = list[to].id;
      select(id);
      // Keep the highlighted item in view, and take focus along when it was in the list.
      const link = listRef.current?.querySelector<HTMLElement>(`[data-candidate-id="${CSS.escape(id)}"]`);
      link?.scrollIntoView({ block: 'nearest' });
      if (listRef.current?.contains(document.activeElement)) link?.focus();
    },
    [list, selectedIndex, select],
  );

  const decideSelected = useCallback(
    async (kind: MergeDecision) => {
      if (!selected || decision.loading) return;
      const decidedId = selected.id;
      const next = list[selectedIndex + 1] ?? list[selectedIndex - 1] ?? null;
      const title = listTitle(decidedId);
      const why = kind === 'REJECT' ? reason.trim() : null;
      // Open the next candidate right away; the decided one leaves the list when the API confirms.
      focusAfterDecision.current = next?.id ?? 'queue';
      select(next?.id ?? null);
      try {
        await decide(decidedId, kind, why);
      } catch {
        // Back to the candidate that was not decided; the error is shown from the mutation result.
        focusAfterDecision.current = decidedId;
        select(decidedId);
        return;
      }
      setAnnouncement(
        `${kind === 'MERGE' ? 'Merged' : 'Rejected'} ${title}. ${next ? `Now reviewing ${listTitle(next.id)}.` : 'The queue is clear.'}`,
      );
    },
    [selected, decision.loading, list, selectedIndex, decide, reason, select],
  );

  // After a decision the buttons or the reason field that had focus are gone: continue from the
  // next candidate's heading, so the keyboard flow goes on where the eyes are.
  useEffect(() => {
    const target = focusAfterDecision.current;
    if (!target) return;
    const element =
      target === 'queue'
        ? document.getElementById('review-queue-heading')
        : document.querySelector<HTMLElement>(`[data-candidate-id="${CSS.escape(target)}"] #candidate-heading`);
    if (!element) return;
    focusAfterDecision.current = null;
    element.focus();
  });

  useEffect(() => {
    if (rejecting) reasonRef.current?.focus();
  }, [rejecting]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          event.preventDefault();
          move(1);
          break;
        case 'k':
        case 'ArrowUp':
          event.preventDefault();
          move(-1);
          break;
        case 'm':
          if (!selected || !canDecide) return;
          event.preventDefault();
          void decideSelected('MERGE');
          break;
        case 'r':
          if (!selected || !canDecide) return;
          event.preventDefault();
          setRejecting(true);
          // Already open: the effect will not run again, so focus here.
          reasonRef.current?.focus();
          break;
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [move, decideSelected, selected, canDecide]);

  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const hasMore = !exhausted && list.length >= PAGE_SIZE;
  const detail = selected ?? outsideQueue.data?.mergeCandidate ?? null;

  return (
    <div className="page review-page">
      <div className="page-header review-header">
        <div>
          <h1 className="page-title">Review</h1>
          <p className="page-subtitle">Persons the evidence says may be one. Decide whether they are the same person.</p>
        </div>
        <ShortcutLegend canDecide={canDecide} />
      </div>

      <p className="review-status" role="status">
        {announcement}
      </p>

      {error && !candidates ? (
        <ErrorState title="Could not load the review queue" error={error} onRetry={() => void refetch()} />
      ) : !candidates ? (
        <LoadingState label="Loading the review queue" />
      ) : list.length === 0 && !requestedId ? (
        <EmptyState>
          <strong className="queue-clear">Queue is clear</strong>
          <br />
          No open merge candidates. New ones appear when ingestion finds records it cannot place on its own.
        </EmptyState>
      ) : (
        <div className="review-grid">
          <nav className="panel review-queue" aria-labelledby="review-queue-heading">
            <div className="panel-header">
              <h2 id="review-queue-heading" className="panel-title" tabIndex={-1}>
                Open candidates
                <span className="panel-meta">
                  {formatNumber(list.length)}
                  {hasMore ? '+' : ''} · by score
                </span>
              </h2>
            </div>
            {list.length === 0 ? (
              <EmptyState>
                <strong className="queue-clear">Queue is clear</strong>
              </EmptyState>
            ) : (
              <ol ref={listRef} className="plain-list candidate-list">
                {list.map((candidate) => (
                  <CandidateListItem
                    key={candidate.id}
                    candidate={candidate}
                    selected={candidate.id === selected?.id}
                    href={`?candidate=${encodeURIComponent(candidate.id)}`}
                  />
                ))}
              </ol>
            )}
            {hasMore && (
              <div className="load-more">
                <button
                  type="button"
                  className="button button-small"
                  disabled={loadingMore}
                  onClick={() =>
                    void fetchMore({ variables: { after: list[list.length - 1].id } }).then((result) => {
                      if ((result.data?.mergeCandidates.length ?? 0) < PAGE_SIZE) setExhausted(true);
                    })
                  }
                >
                  {loadingMore ? 'Loading…' : 'Load more'}
                </button>
              </div>
            )}
          </nav>

          <div className={loading && !loadingMore && data === undefined ? 'review-detail is-stale' : 'review-detail'}>
            {decision.error && (
              <ErrorState title="The decision was not saved" error={decision.error} onRetry={() => decision.reset()} />
            )}
            {detail ? (
              <CandidateReview
                key={detail.id}
                candidate={detail}
                actions={
                  !canDecide ? (
                    <p className="small muted" role="note">
                      Your role can read the review queue; deciding needs Support or Admin.
                    </p>
                  ) : (
                  <DecisionBar
                    rejecting={rejecting}
                    onRejectingChange={(open) => {
                      setRejecting(open);
                      if (!open) setReason('');
                    }}
                    reason={reason}
                    onReasonChange={setReason}
                    onMerge={() => void decideSelected('MERGE')}
                    onReject={() => void decideSelected('REJECT')}
                    busy={decision.loading || !selected}
                    reasonRef={reasonRef}
                  />
                  )
                }
              />
            ) : outsideQueue.loading ? (
              <LoadingState label="Loading candidate" />
            ) : outsideQueue.error ? (
              <ErrorState title="Could not load this candidate" error={outsideQueue.error} onRetry={() => void outsideQueue.refetch()} />
            ) : (
              <EmptyState>No merge candidate with this id.</EmptyState>
            )}
          </div>
        </div>
      )}
    </div>
  );

  function listTitle(id: string): string {
    const link = listRef.current?.querySelector(`[data-candidate-id="${CSS.escape(id)}"] .candidate-title`);
    return link?.textContent ?? 'the candidate';
  }
}
