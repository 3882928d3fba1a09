import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { formatNumber } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { SearchInput } from '../../components/SearchInput';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PersonsTable } from '../../features/persons/components/PersonsTable';
import { graphql } from '../../gql';

const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 250;

const PersonsPageQuery = graphql(`
  query PersonsPage($query: String, $first: Int!, $after: String) {
    persons(query: $query, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...PersonRow_person
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export function PersonsPage() {
  useDocumentTitle('Persons');
  const [searchParams, setSearchParams] = useSearchParams();
  // A page that sent us here may say what just happened (e.g. "… was erased"); kept from the first
  // render, because keeping the search in the URL replaces the location (and its state).
  const location = useLocation();
  const [notice] = useState(() => (location.state as { notice?: string } | null)?.notice);
  const [text, setText] = useState(() => searchParams.get('q') ?? '');
  const query = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);

  // Keep the search in the URL so it survives reloads and the back button.
  useEffect(() => {
    setSearchParams(query ? { q: query } : {}, { replace: true });
  }, [query, setSearchParams]);

  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(PersonsPageQuery, {
    variables: { query: query || null, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });

  const connection = (data ?? previousData)?.persons;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const searching = loading && !loadingMore;
  const persons = connection?.edges.map((edge) => edge.node) ?? [];

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">Persons</h1>
        <p className="page-subtitle">Everyone the identity graph knows, merged across sources.</p>
      </div>
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}

      <form className="toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
        <SearchInput
          id="person-search"
          label="Search persons"
          hideLabel
          placeholder="Search by name, email, phone or external id"
          value={text}
          onChange={setText}
          slashShortcut
        />
        <p className="toolbar-status" aria-live="polite">
          {searching ? (
            <span className="muted">Searching…</span>
          ) : connection ? (
            <ResultSummary total={connection.totalCount} shown={persons.length} query={query} />
          ) : null}
        </p>
      </form>

      {error && !connection ? (
        <ErrorState title="Could not load persons" error={error} onRetry={() => void refetch()} />
      ) : !connection ? (
        <LoadingState label="Loading persons" />
      ) : persons.length === 0 ? (
        <EmptyState>
          {query ? (
            <>
              No person matches <strong>“{query}”</strong>. Try a full email address, a phone number or an
              external id.
            </>
          ) : (
            <>No persons yet. Ingested identities will appear here.</>
          )}
        </EmptyState>
      ) : (
        <>
          {error && <ErrorState title="Could not refresh" error={error} onRetry={() => void refetch()} />}
          <div className={searching ? 'is-stale' : undefined}>
            <PersonsTable persons={persons} caption={query ? `Persons matching “${query}”` : 'All persons'} busy={loading} />
          </div>
          {connection.pageInfo.hasNextPage && (
            <div className="load-more">
              <button
                type="button"
                className="button"
                disabled={loadingMore || searching}
                onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
              >
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
              <span className="muted">
                {formatNumber(persons.length)} of {formatNumber(connection.totalCount)}
              </span>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function ResultSummary({ total, shown, query }: { total: number; shown: number; query: string }) {
  const noun = total === 1 ? 'person' : 'persons';
  return (
    <span>
      <strong>{formatNumber(total)}</strong> {noun}
      {query && (
        <>
          {' '}
          matching <strong>“{query}”</strong>
        </>
      )}
      {shown < total && <span className="muted"> · showing {formatNumber(shown)}</span>}
    </span>
  );
}
