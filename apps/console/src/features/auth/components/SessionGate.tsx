import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingState } from '../../../components/LoadingState';
import { graphql } from '../../../gql';
import { ViewerContext, type ViewerState } from '../hooks/useViewer';
import { SignInPage } from './SignInPage';
import { SESSION_ENDED_EVENT } from '../sessionEvents';

const SessionQuery = graphql(`
  query Session {
    me {
      actor
      name
      email
      role
      permissions
    }
    demoSignInHint
  }
`);

const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);


/**
 * Shows the sign-in page until a staff user is signed in (the session lives in an HttpOnly
 * cookie the API sets), then the console with the viewer's permissions in context.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(SessionQuery, { fetchPolicy: 'network-only' });
  const [signOutMutation] = useMutation(SignOutMutation);

  useEffect(() => {
    const ended = () => void refetch();
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, [refetch]);

  const signOut = useCallback(async () => {
    await signOutMutation();
    // Nothing the previous user loaded may stay in memory.
    await client.clearStore();
    await refetch();
  }, [client, refetch, signOutMutation]);

  const me = data?.me;
  const viewer = useMemo<ViewerState | null>(
    () => (me ? { actor: me.actor, name: me.name ?? null, email: me.email ?? null, role: me.role ?? null, permissions: new Set(me.permissions), signOut } : null),
    [me, signOut],
  );

  if (loading && !data) return <LoadingState label="Loading Spine" />;
  if (error && !data) return <ErrorState title="Spine is not reachable" error={error} onRetry={() => void refetch()} />;
  if (!viewer) {
    return (
      <SignInPage
        hint={data?.demoSignInHint ?? null}
        onSignedIn={async () => {
          await client.clearStore();
          await refetch();
        }}
      />
    );
  }
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}
