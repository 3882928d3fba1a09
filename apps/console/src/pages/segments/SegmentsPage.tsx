import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { SegmentRow } from '../../features/segments/components/SegmentRow';
import { graphql } from '../../gql';
import { useCan } from '../../features/auth/hooks/useViewer';

const SegmentsPageQuery = graphql(`
  query SegmentsPage {
    segments {
      id
      name
      ...SegmentRow_segment
    }
  }
`);

export function SegmentsPage() {
  useDocumentTitle('Segments');
  const { data, error, loading, refetch } = useQuery(SegmentsPageQuery, { fetchPolicy: 'cache-and-network' });
  const segments = [...(data?.segments ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  const canEdit = useCan('segments:write');
  return (
    <div className="page">
      <div className="page-header page-header-actions">
        <div>
          <h1 className="page-title">Segments</h1>
          <p className="page-subtitle">Audiences built from traits, consents, events and scores, kept up to date.</p>
        </div>
        {canEdit && (
          <Link to="/segments/new" className="button button-primary">
            New segment
          </Link>
        )}
      </div>

      {error && !data ? (
        <ErrorState title="Could not load segments" error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading segments" />
      ) : segments.length === 0 ? (
        <EmptyState>
          No segments yet. <Link to="/segments/new">Create the first one</Link>.
        </EmptyState>
      ) : (
        <>
          {error && <ErrorState title="Could not refresh" error={error} onRetry={() => void refetch()} />}
          <div className={loading ? 'table-wrap is-stale' : 'table-wrap'}>
            <table className="table table-segments">
              <caption className="visually-hidden">Segments</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Description</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="numeric">
                    Members
                  </th>
                  <th scope="col">Last evaluated</th>
                </tr>
              </thead>
              <tbody>
                {segments.map((segment) => (
                  <SegmentRow key={segment.id} segment={segment} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
