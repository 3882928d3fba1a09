import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { graphqlErrorCode } from '../../app/graphqlErrorCode';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useUnsavedChangesPrompt } from '../../components/useUnsavedChangesPrompt';
import { SegmentEditor } from '../../features/segments/components/SegmentEditor';
import { SegmentMembers } from '../../features/segments/components/SegmentMembers';
import { useDeleteSegmentMutation } from '../../features/segments/hooks/useSegmentMutations';
import { graphql } from '../../gql';
import { useCan } from '../../features/auth/hooks/useViewer';

const SegmentBuilderPageQuery = graphql(`
  query SegmentBuilderPage($id: ID!) {
    segment(id: $id) {
      id
      name
      ...SegmentEditor_segment
      ...SegmentMembers_segment
    }
  }
`);

/** `/segments/new` and `/segments/:id`: the builder, and for a saved segment its members. */
export function SegmentBuilderPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useQuery(SegmentBuilderPageQuery, { variables: { id: id ?? '' }, skip: !id });
  const [deleteSegment, deleteState] = useDeleteSegmentMutation();
  const canEdit = useCan('segments:write');
  const [deleteError, setDeleteError] = useState<Error | null>(null);
  const [dirty, setDirty] = useState(false);
  const allowLeaving = useUnsavedChangesPrompt(dirty, 'Leave this segment? Your changes are not saved.');
  const segment = data?.segment;
  const errorCode = graphqlErrorCode(error);
  const notFound = Boolean(id) && !loading && !segment && (!error || errorCode === 'NOT_FOUND' || errorCode === 'BAD_USER_INPUT');
  const title = !id ? 'New segment' : segment ? segment.name : notFound ? 'Segment not found' : 'Segment';
  useDocumentTitle(title);

  const remove = async () => {
    if (!segment || !window.confirm(`Delete the segment “${segment.name}” and its membership history?`)) return;
    setDeleteError(null);
    try {
      await deleteSegment(segment.id);
      allowLeaving();
      navigate('/segments', { replace: true });
    } catch (failure) {
      setDeleteError(failure instanceof Error ? failure : new Error(String(failure)));
    }
  };

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/segments">Segments</Link>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <div className="page-header page-header-actions">
        <h1 className="page-title">{title}</h1>
        {segment && canEdit && (
          <button type="button" className="button button-danger" disabled={deleteState.loading} onClick={() => void remove()}>
            {deleteState.loading ? 'Deleting…' : 'Delete segment'}
          </button>
        )}
      </div>
      {deleteError && <ErrorState title="Could not delete the segment" error={deleteError} />}

      {!id && !canEdit ? (
        <EmptyState>
          Creating segments needs the Marketer or Admin role. <Link to="/segments">All segments</Link>
        </EmptyState>
      ) : !id ? (
        <SegmentEditor
          key="new"
          onDirtyChange={setDirty}
          onCreated={(createdId) => {
            allowLeaving();
            navigate(`/segments/${createdId}`, { replace: true });
          }}
        />
      ) : notFound ? (
        <EmptyState>
          No segment has the id <code className="id">{id}</code>. <Link to="/segments">All segments</Link>
        </EmptyState>
      ) : error && !segment ? (
        <ErrorState title="Could not load the segment" error={error} onRetry={() => void refetch()} />
      ) : !segment ? (
        <LoadingState label="Loading segment" />
      ) : (
        <>
          <SegmentEditor key={segment.id} segment={segment} onDirtyChange={setDirty} onCreated={(createdId) => navigate(`/segments/${createdId}`)} />
          <SegmentMembers segment={segment} />
        </>
      )}
    </div>
  );
}
