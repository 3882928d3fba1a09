import { Link } from 'react-router-dom';
import { formatNumber } from '../../../components/format';

interface SegmentPreviewProps {
  preview: { count: number; sample: Array<{ id: string; displayName: string; email?: string | null }> } | null;
  /** The rules changed since this result (or are invalid): it is shown dimmed. */
  stale: boolean;
  failed: boolean;
}

/** Who the rules being edited match right now: the count and a few of them. */
export function SegmentPreview({ preview, stale, failed }: SegmentPreviewProps) {
  return (
    <section className="panel segment-preview" aria-labelledby="segment-preview-heading" aria-busy={stale}>
      <div className="panel-header">
        <h2 id="segment-preview-heading" className="panel-title">
          Live preview
        </h2>
        {stale && !failed && <span className="spinner" aria-hidden="true" />}
      </div>
      <div className={stale ? 'panel-body is-stale' : 'panel-body'}>
        <p className="preview-count" role="status" aria-live="polite" data-testid="preview-count">
          {preview ? (
            <>
              <strong className="stat-value">{formatNumber(preview.count)}</strong>{' '}
              {preview.count === 1 ? 'person matches' : 'persons match'}
            </>
          ) : failed ? (
            <span className="muted">Fix the rules to see who matches.</span>
          ) : (
            <span className="muted">Counting…</span>
          )}
        </p>
        {failed && preview && <p className="muted small preview-note">Showing the last valid result.</p>}
        {preview && preview.sample.length > 0 && (
          <>
            <h3 className="preview-sample-title">Sample</h3>
            <ul className="plain-list preview-sample">
              {preview.sample.map((person) => (
                <li key={person.id} className="list-item">
                  <div className="list-item-main">
                    <Link to={`/persons/${person.id}`} className="list-item-title">
                      {person.displayName}
                    </Link>
                    {person.email && <span className="muted small">{person.email}</span>}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
