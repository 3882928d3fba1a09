import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Actor } from '../../components/Actor';
import { DateTime } from '../../components/DateTime';
import { EmptyState } from '../../components/EmptyState';
import { humanizeEnum } from '../../components/format';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useCan } from '../../features/auth/hooks/useViewer';
import { graphql } from '../../gql';

const PAGE_SIZE = 50;

const AuditLogPageQuery = graphql(`
  query AuditLogPage($first: Int!, $before: String, $action: String) {
    auditLog(first: $first, before: $before, action: $action) {
      id
      at
      actor
      action
      personId
      subjectId
      reason
      details
    }
  }
`);

const ACTIONS = [
  'VIEW_PERSON',
  'SEARCH_PERSONS',
  'LOOKUP_PERSON',
  'MERGE',
  'UNMERGE',
  'DECIDE_MERGE_CANDIDATE',
  'LINK_IDENTITY',
  'VERIFY_IDENTITY',
  'SET_PRIMARY_IDENTITY',
  'EXPORT_PERSON',
  'ERASE_PERSON',
  'SIGN_IN',
  'SIGN_IN_FAILED',
  'CREATE_STAFF_USER',
  'UPDATE_STAFF_USER',
  'CREATE_API_KEY',
  'REVOKE_API_KEY',
];


/** Who did what to whom, when and why: the append-only audit log, for administrators. */
export function AuditLogPage() {
  useDocumentTitle('Audit log');
  const allowed = useCan('audit:read');
  const [action, setAction] = useState('');
  const { data, error, loading, fetchMore, refetch } = useQuery(AuditLogPageQuery, {
    variables: { first: PAGE_SIZE, action: action || null },
    skip: !allowed,
    notifyOnNetworkStatusChange: true,
  });
  const [more, setMore] = useState(true);
  const entries = data?.auditLog ?? [];

  if (!allowed) {
    return (
      <div className="page">
        <h1 className="page-title">Audit log</h1>
        <EmptyState>Only administrators can read the audit log.</EmptyState>
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-header page-header-actions">
        <div>
          <h1 className="page-title">Audit log</h1>
          <p className="page-subtitle">Who viewed, merged, unmerged, decided, exported or erased, and who managed access. Entries cannot be changed.</p>
        </div>
        <div>
          <label className="field-label" htmlFor="audit-action">
            Action
          </label>
          <select
            id="audit-action"
            className="input"
            value={action}
            onChange={(event) => {
              setAction(event.target.value);
              setMore(true);
            }}
          >
            <option value="">All actions</option>
            {ACTIONS.map((name) => (
              <option key={name} value={name}>
                {humanizeEnum(name)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && !data ? (
        <ErrorState title="Could not load the audit log" error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState label="Loading the audit log" />
      ) : entries.length === 0 ? (
        <EmptyState>Nothing recorded{action ? ` for ${humanizeEnum(action).toLowerCase()}` : ''} yet.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Person</th>
                <th scope="col">Why</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-action={entry.action}>
                  <td className="nowrap">
                    <DateTime value={entry.at} />
                  </td>
                  <td className="cell-actor">
                    <Actor actor={entry.actor} />
                  </td>
                  <td>{humanizeEnum(entry.action)}</td>
                  <td>{entry.personId ? <Link to={`/persons/${entry.personId}`}>{entry.personId.slice(0, 8)}…</Link> : <span className="muted">—</span>}</td>
                  <td>{entry.reason ?? <span className="muted">—</span>}</td>
                  <td>
                    <code className="small">{Object.keys((entry.details as object) ?? {}).length ? JSON.stringify(entry.details) : ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries.length >= PAGE_SIZE && more && (
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={() =>
            void fetchMore({
              variables: { before: entries[entries.length - 1]!.id },
              updateQuery: (previous, { fetchMoreResult }) => {
                if (fetchMoreResult.auditLog.length < PAGE_SIZE) setMore(false);
                return { auditLog: [...previous.auditLog, ...fetchMoreResult.auditLog] };
              },
            })
          }
        >
          {loading ? 'Loading…' : 'Load older entries'}
        </button>
      )}
    </div>
  );
}
