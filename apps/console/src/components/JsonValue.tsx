import { formatJsonValue } from './format';

/** A JSON scalar inline; objects and arrays as compact JSON, expandable when long. */
export function JsonValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">null</span>;
  if (typeof value === 'boolean') return <code className="json-value">{String(value)}</code>;
  if (typeof value !== 'object') return <span className="json-value">{formatJsonValue(value)}</span>;
  const compact = JSON.stringify(value);
  if (compact.length <= 60) return <code className="json-value">{compact}</code>;
  return (
    <details className="json-details">
      <summary>
        <code className="json-value">{compact.slice(0, 56)}…</code>
      </summary>
      <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
