import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
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
          },
        },
        Person: {
          fields: {
            events: relayStylePagination(['name']),
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
