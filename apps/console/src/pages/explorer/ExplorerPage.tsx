import './monacoWorkers';
import 'graphiql/style.css';
import './ExplorerPage.css';
import { GraphiQL } from 'graphiql';
import { useDocumentTitle } from '../../components/useDocumentTitle';

const DEFAULT_QUERY = `# Ctrl+Enter runs the query, Ctrl+Space completes.
{
  persons(first: 5) {
    totalCount
    edges {
      node {
        displayName
        email
      }
    }
  }
}
`;

interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

// Same origin, JSON POST: the API's CSRF prevention accepts `content-type: application/json`.
async function fetcher(params: GraphQLParams, options?: { headers?: Record<string, unknown> }) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { ...(options?.headers as Record<string, string> | undefined), 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
    credentials: 'same-origin',
  });
  return response.json();
}

export function ExplorerPage() {
  useDocumentTitle('API explorer');
  return (
    <div className="page explorer-page">
      <header className="page-header">
        <h1 className="page-title">API explorer</h1>
        <p className="page-subtitle">Run GraphQL queries against this Spine API. The documentation explorer lists every type and field.</p>
      </header>
      <div className="explorer-frame">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} defaultEditorToolsVisibility={false} />
      </div>
    </div>
  );
}
