import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { formatNumber } from '../../../components/format';
import { LoadingState } from '../../../components/LoadingState';
import { SearchInput } from '../../../components/SearchInput';
import { Section } from '../../../components/Section';
import { useDebouncedValue } from '../../../components/useDebouncedValue';
import { usePersonEvents } from '../hooks/usePersonEvents';
import { EventRow } from './EventRow';

/**
 * A person's latest events. The next page loads by itself when the end of the list scrolls into
 * view; "Load more events" stays for keyboard users and browsers without IntersectionObserver.
 */
export function EventTimeline({ personId }: { personId: string }) {
  const [filter, setFilter] = useState('');
  const name = useDebouncedValue(filter.trim(), 300);
  const { connection, events, error, refreshing, loadingMore, loadMore, loadMoreFailed, retry } = usePersonEvents(personId, name);
  const endRef = useRef<HTMLDivElement>(null);
  const busy = loadingMore || refreshing;
  const autoLoad = Boolean(connection?.pageInfo.hasNextPage) && !busy && !loadMoreFailed;

  // Observed afresh for each page: a list that still ends in view after a page came in asks for the next.
  useEffect(() => {
    const end = endRef.current;
    if (!end || !autoLoad || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore();
    });
    observer.observe(end);
    return () => observer.disconnect();
  }, [autoLoad, loadMore]);

  return (
    <Section
      id="events"
      title="Latest events"
      meta={connection ? formatNumber(connection.totalCount) : undefined}
      actions={
        <SearchInput
          id="event-name-filter"
          label="Filter events by name"
          hideLabel
          placeholder="Event name, e.g. Order Completed"
          value={filter}
          onChange={setFilter}
        />
      }
    >
      {error && !connection ? (
        <ErrorState title="Could not load events" error={error} onRetry={retry} />
      ) : !connection ? (
        <LoadingState label="Loading events" inline />
      ) : events.length === 0 ? (
        <EmptyState>{name ? <>No “{name}” events.</> : <>No events yet.</>}</EmptyState>
      ) : (
        <>
          <div className={refreshing ? 'table-wrap is-stale' : 'table-wrap'}>
            <table className="table" aria-busy={refreshing || loadingMore}>
              <caption className="visually-hidden">{name ? `Events named ${name}` : 'Latest events'}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Source</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <EventRow key={event.id} event={event} />
                ))}
              </tbody>
            </table>
          </div>
          {connection.pageInfo.hasNextPage && (
            <div ref={endRef} className="load-more">
              {/* aria-disabled, not disabled: a button that focus is on keeps it while the page loads. */}
              <button type="button" className="button" aria-disabled={busy} onClick={() => !busy && loadMore()}>
                {loadingMore ? 'Loading…' : 'Load more events'}
              </button>
              <span className="muted" role="status">
                {loadMoreFailed ? 'Could not load more events. ' : ''}
                {formatNumber(events.length)} of {formatNumber(connection.totalCount)}
              </span>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
