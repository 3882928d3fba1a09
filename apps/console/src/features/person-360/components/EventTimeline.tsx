import { useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { formatNumber } from '../../../components/format';
import { LoadingState } from '../../../components/LoadingState';
import { SearchInput } from '../../../components/SearchInput';
import { Section } from '../../../components/Section';
import { useDebouncedValue } from '../../../components/useDebouncedValue';
import { usePersonEvents } from '../hooks/usePersonEvents';
import { EventRow } from './EventRow';

export function EventTimeline({ personId }: { personId: string }) {
  const [filter, setFilter] = useState('');
  const name = useDebouncedValue(filter.trim(), 300);
  const { connection, events, error, refreshing, loadingMore, loadMore, retry } = usePersonEvents(personId, name);

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
            <div className="load-more">
              <button type="button" className="button" disabled={loadingMore || refreshing} onClick={loadMore}>
                {loadingMore ? 'Loading…' : 'Load more events'}
              </button>
              <span className="muted">
                {formatNumber(events.length)} of {formatNumber(connection.totalCount)}
              </span>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
