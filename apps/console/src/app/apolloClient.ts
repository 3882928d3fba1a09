import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type Reference } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { SESSION_ENDED_EVENT } from '../features/auth/sessionEvents';
import { relayStylePagination } from '@apollo/client/utilities';

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      // A session that ended (expired, signed out in another tab) sends the console back to sign-in.
      new ErrorLink(({ error, operation }) => {
        const unauthenticated =
          (CombinedGraphQLErrors.is(error) && error.errors.some((item) => item.extensions?.code === 'UNAUTHENTICATED')) ||
          (error as { statusCode?: number })?.statusCode === 401;
        if (unauthenticated && operation.operationName !== 'SignIn' && operation.operationName !== 'Session') {
          window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
        }
      }),
      // The session travels in an HttpOnly cookie on the same origin.
      new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // One cached list per search text; "Load more" appends pages to it.
            persons: relayStylePagination(['query']),
            // The review queue pages by the id of the last candidate; "Load more" appends, a first page replaces.
            mergeCandidates: {
              keyArgs: ['status'],
              merge(existing: readonly Reference[] = [], incoming: readonly Reference[], { args, readField }) {
                if (!args?.after) return incoming;
                const seen = new Set(existing.map((ref) => readField<string>('id', ref)));
                return [...existing, ...incoming.filter((ref) => !seen.has(readField<string>('id', ref)))];
              },
            },
          },
        },
        Person: {
          fields: {
            events: relayStylePagination(['name']),
          },
        },
        Segment: {
          fields: {
            members: relayStylePagination(),
          },
        },
        // Traits, consents and value scores have no id of their own: they live inside their person.
        Trait: { keyFields: false },
        Consent: { keyFields: false },
        LifetimeValue: { keyFields: false, merge: true },
        EngagementScore: { keyFields: false, merge: true },
      },
    }),
  });
}
