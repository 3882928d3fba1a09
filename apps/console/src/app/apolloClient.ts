import { ApolloClient, HttpLink, InMemoryCache, type Reference } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql' }),
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
