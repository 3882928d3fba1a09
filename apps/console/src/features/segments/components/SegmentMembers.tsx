import { Link } from 'react-router-dom';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { formatNumber } from '../../../components/format';
import { LoadingState } from '../../../components/LoadingState';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { useRefreshSegmentMutation } from '../hooks/useSegmentMutations';
import { useExportSegmentMembers, useSegmentMembers } from '../hooks/useSegmentMembers';
import { useState } from 'react';
import { useCan } from '../../auth/hooks/useViewer';

export const SegmentMembersFragment = graphql(`
  fragment SegmentMembers_segment on Segment {
    id
    name
    kind
    memberCount
    lastEvaluatedAt
  }
`);

/** A saved segment's current members: "Load more", refresh now (for those who may change segments), and a CSV export of all of them. */
export function SegmentMembers(props: { segment: FragmentType<typeof SegmentMembersFragment> }) {
  const segment = getFragmentData(SegmentMembersFragment, props.segment);
  const { connection, members, error, loading, loadingMore, loadMore, retry } = useSegmentMembers(segment.id);
  const exporter = useExportSegmentMembers(segment.id, segment.name);
  const [refresh, refreshState] = useRefreshSegmentMutation();
  const [refreshed, setRefreshed] = useState<{ entered: number; exited: number } | null>(null);
  const canRefresh = useCan('segments:write');

  const actions = (
    <>
      <span className="muted small" role="status" aria-live="polite">
        {refreshState.loading
          ? 'Refreshing…'
          : refreshed
            ? `${formatNumber(refreshed.entered)} entered, ${formatNumber(refreshed.exited)} left`
            : exporter.exporting
              ? `Exporting… ${formatNumber(exporter.progress)}`
              : null}
      </span>
      {segment.kind === 'DYNAMIC' && canRefresh && (
        <button
          type="button"
          className="button button-small"
          disabled={refreshState.loading}
          onClick={() =>
            void refresh(segment.id)
              .then((result) => setRefreshed(result && { entered: result.entered, exited: result.exited }))
              .catch(() => setRefreshed(null))
          }
        >
          Refresh now
        </button>
      )}
      <button type="button" className="button button-small" disabled={exporter.exporting || segment.memberCount === 0} onClick={exporter.exportCsv}>
        Export CSV
      </button>
    </>
  );

  return (
    <Section
      id="segment-members"
      title="Members"
      meta={
        <>
          {formatNumber(segment.memberCount)} · evaluated <DateTime value={segment.lastEvaluatedAt} relative />
        </>
      }
      actions={actions}
    >
      {exporter.error && <ErrorState title="Could not export the members" error={exporter.error} />}
      {refreshState.error && <ErrorState title="Could not refresh" error={refreshState.error} />}
      {error && !connection ? (
        <ErrorState title="Could not load the members" error={error} onRetry={retry} />
      ) : !connection ? (
        <LoadingState label="Loading members" inline />
      ) : members.length === 0 ? (
        <EmptyState>No members right now.</EmptyState>
      ) : (
        <>
          <div className={loading ? 'table-wrap is-stale' : 'table-wrap'}>
            <table className="table">
              <caption className="visually-hidden">Members of {segment.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.id}>
                    <th scope="row">
                      <Link to={`/persons/${member.id}`}>{member.displayName}</Link>
                    </th>
                    <td>{member.email ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {connection.pageInfo.hasNextPage && (
            <div className="load-more">
              <button type="button" className="button" disabled={loadingMore} onClick={loadMore}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
              <span className="muted">
                {formatNumber(members.length)} of {formatNumber(connection.totalCount)}
              </span>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
