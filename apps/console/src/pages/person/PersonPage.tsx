import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router-dom';
import { graphqlErrorCode } from '../../app/graphqlErrorCode';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ConsentTable } from '../../features/person-360/components/ConsentTable';
import { EventTimeline } from '../../features/person-360/components/EventTimeline';
import { IdentityList } from '../../features/person-360/components/IdentityList';
import { MergeHistory } from '../../features/person-360/components/MergeHistory';
import { PersonNotes } from '../../features/person-360/components/PersonNotes';
import { PersonHeader } from '../../features/person-360/components/PersonHeader';
import { PurchaseHistory } from '../../features/person-360/components/PurchaseHistory';
import { SegmentList } from '../../features/person-360/components/SegmentList';
import { TraitTable } from '../../features/person-360/components/TraitTable';
import { graphql } from '../../gql';
import { PrivacyActions } from '../../features/person-360/components/PrivacyActions';

const PersonPageQuery = graphql(`
  query PersonPage($id: ID!) {
    person(id: $id) {
      id
      displayName
      ...PersonHeader_person
      ...IdentityList_person
      ...PurchaseHistory_person
      ...TraitTable_person
      ...ConsentTable_person
      ...SegmentList_person
      ...MergeHistory_person
      ...PersonNotes_person
    }
  }
`);

export function PersonPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { data, error, loading, refetch } = useQuery(PersonPageQuery, { variables: { id } });
  const person = data?.person;
  // The API answers an unknown or malformed id with a typed error rather than null.
  const errorCode = graphqlErrorCode(error);
  const notFound = !loading && !person && (!error || errorCode === 'NOT_FOUND' || errorCode === 'BAD_USER_INPUT');
  useDocumentTitle(person ? person.displayName : notFound ? 'Person not found' : 'Person');

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/persons">Persons</Link>
          </li>
          <li aria-current="page">{person?.displayName ?? id}</li>
        </ol>
      </nav>

      {notFound ? (
        <>
          <h1 className="page-title">Person not found</h1>
          <EmptyState>
            No person has the id <code className="id">{id}</code>. They may have been erased.{' '}
            <Link to="/persons">Search persons</Link>
          </EmptyState>
        </>
      ) : error && !person ? (
        <>
          <h1 className="page-title">Person</h1>
          <ErrorState title="Could not load this person" error={error} onRetry={() => void refetch()} />
        </>
      ) : !person ? (
        <LoadingState label="Loading person" />
      ) : (
        <>
          {person.id !== id && (
            // The API follows merges: asking for a merged-away id returns the person it became.
            <div className="notice" role="status">
              <strong>This person was merged.</strong> <code className="id">{id}</code> is now part of{' '}
              <Link to={`/persons/${encodeURIComponent(person.id)}`}>{person.displayName}</Link>; showing that
              person.
            </div>
          )}
          <PersonHeader person={person} />
          <div className="person-grid">
            <div className="person-main">
              <IdentityList person={person} />
              <PurchaseHistory person={person} />
              <TraitTable person={person} />
              <EventTimeline personId={person.id} />
            </div>
            <div className="person-side">
              <ConsentTable person={person} />
              <PersonNotes person={person} />
              <SegmentList person={person} />
              <MergeHistory person={person} />
              <PrivacyActions personId={person.id} displayName={person.displayName} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
