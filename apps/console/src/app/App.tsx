import { ApolloProvider } from '@apollo/client/react';
import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { createApolloClient } from './apolloClient';
import { router } from './router';
import { SessionGate } from '../features/auth/components/SessionGate';

export function App() {
  const [client] = useState(createApolloClient);
  return (
    <ApolloProvider client={client}>
      <SessionGate>
        <RouterProvider router={router} />
      </SessionGate>
    </ApolloProvider>
  );
}
