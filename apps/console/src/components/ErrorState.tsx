interface ErrorStateProps {
  title?: string;
  error: { message: string };
  onRetry?: () => void;
}

export function ErrorState({ title = 'Could not load data', error, onRetry }: ErrorStateProps) {
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <span className="state-detail">{error.message}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
