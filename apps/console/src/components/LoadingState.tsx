interface LoadingStateProps {
  label?: string;
  /** Compact variant for use inside a table or section. */
  inline?: boolean;
}

export function LoadingState({ label = 'Loading', inline = false }: LoadingStateProps) {
  return (
    <div className={inline ? 'state state-inline' : 'state'} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}
