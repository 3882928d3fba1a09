import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { formatNumber } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { CandidateListItem, CandidateListItemFragment } from '../../features/review/components/CandidateListItem';
import { CandidateReview } from '../../features/review/components/CandidateReview';
import { DecisionBar } from '../../features/review/components/DecisionBar';
import { ShortcutLegend } from '../../features/review/components/ShortcutLegend';
import { candidateTitle } from '../../features/review/components/candidateText';
import { useDecideMergeCandidateMutation } from '../../features/review/hooks/useDecideMergeCandidateMutation';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
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
  /** How many candidates the list shows: a page, one more page per "Load more". */
  const [shown, setShown] = useState(PAGE_SIZE);
  /** Decisions whose refill of the list has not come back yet. */
  const [refilling, setRefilling] = useState(0);
  const reasonRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  /** The candidate whose heading takes focus once it is on screen ('queue' when none is left). */
  const focusAfterDecision = useRef<string | null>(null);

  // The cache holds one candidate more than is shown, when there is one: whether more open
  // candidates exist is then known from the data itself, however many were decided meanwhile.
  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(ReviewQueueQuery, {
    variables: { first: PAGE_SIZE + 1 },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const candidates = (data ?? previousData)?.mergeCandidates;
  const loaded = candidates ?? [];
  const list = loaded.slice(0, shown);
  const hasMore = loaded.length > shown;
  useDocumentTitle(candidates ? `Review (${list.length}${hasMore ? '+' : ''})` : 'Review');

  const requestedId = searchParams.get('candidate');
  // Looked up among all loaded ones: after a decision the next may be the one held back.
  const selectedIndex = requestedId ? loaded.findIndex((candidate) => candidate.id === requestedId) : list.length ? 0 : -1;
  const selected = selectedIndex >= 0 ? loaded[selectedIndex] : null;
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
      const from = selectedIndex < 0 || selectedIndex >= list.length ? (step === 1 ? -1 : list.length) : selectedIndex;
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
      const next = loaded[selectedIndex + 1] ?? loaded[selectedIndex - 1] ?? null;
      const title = titleOf(selected);
      const why = kind === 'REJECT' ? reason.trim() : null;
      // The decided one leaves the list: load the next open ones so the list keeps its length
      // and still knows whether more exist. Until they are here the list is not "clear".
      const last = loaded[loaded.length - 1].id;
      const refill = loaded.length - 1 <= shown;
      if (refill) setRefilling((count) => count + 1);
      // Open the next candidate right away; the decided one leaves the list when the API confirms.
      focusAfterDecision.current = next?.id ?? 'queue';
      select(next?.id ?? null);
      try {
        await decide(decidedId, kind, why);
      } catch {
        if (refill) setRefilling((count) => count - 1);
        // Back to the candidate that was not decided; the error is shown from the mutation result.
        focusAfterDecision.current = decidedId;
        select(decidedId);
        return;
      }
      let opened = next;
      if (refill) {
        try {
          // The cursor is the last loaded candidate: decided or not, the ones after it are new.
          const more = await fetchMore({ variables: { after: last, first: shown + 2 - loaded.length } });
          const first = more.data?.mergeCandidates[0];
          // The list had run out: it goes on with what the API has found since.
          if (!opened && first) {
            opened = first;
            focusAfterDecision.current = first.id;
            select(first.id);
          }
        } catch {
          // The queue keeps what it has; "Load more" can try again.
        } finally {
          setRefilling((count) => count - 1);
        }
      }
      setAnnouncement(
        `${kind === 'MERGE' ? 'Merged' : 'Rejected'} ${title}. ${opened ? `Now reviewing ${titleOf(opened)}.` : 'The queue is clear.'}`,
      );
    },
    [selected, decision.loading, loaded, shown, selectedIndex, decide, fetchMore, reason, select],
  );

  // After a decision the buttons or the reason field that had focus are gone: continue from the
  // next candidate's heading, so the keyboard flow goes on where the eyes are.
  useEffect(() => {
    const target = focusAfterDecision.current;
    if (!target) return;
    const element =
      target === 'queue'
        ? (document.getElementById('review-queue-heading') ?? document.getElementById('review-queue-clear'))
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
  const clear = list.length === 0 && !refilling && !loadingMore;

  const loadMore = () => {
    const count = shown + PAGE_SIZE;
    setShown(count);
    // One more than is shown, to know whether there are more still.
    const missing = count + 1 - loaded.length;
    if (missing > 0) void fetchMore({ variables: { after: loaded[loaded.length - 1].id, first: missing } });
  };
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
      ) : clear && !requestedId ? (
        <EmptyState>
          <strong id="review-queue-clear" className="queue-clear" tabIndex={-1}>
            Queue is clear
          </strong>
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
              clear ? (
                <EmptyState>
                  <strong className="queue-clear">Queue is clear</strong>
                </EmptyState>
              ) : (
                <LoadingState label="Loading the next candidates" inline />
              )
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
                <button type="button" className="button button-small" disabled={loadingMore} onClick={loadMore}>
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
}

function titleOf(candidate: FragmentType<typeof CandidateListItemFragment>): string {
  const { persons, pendingRecords } = getFragmentData(CandidateListItemFragment, candidate);
  return candidateTitle(persons, pendingRecords);
}
