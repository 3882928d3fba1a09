const SHORTCUTS = [
  { keys: ['j', '↓'], label: 'next' },
  { keys: ['k', '↑'], label: 'previous' },
  { keys: ['m'], label: 'merge' },
  { keys: ['r'], label: 'not the same person' },
] as const;

/** `canDecide`: merge and reject are offered only to roles that may decide. */
export function ShortcutLegend({ canDecide = true }: { canDecide?: boolean }) {
  const shortcuts = canDecide ? SHORTCUTS : SHORTCUTS.slice(0, 2);
  return (
    <section className="shortcut-legend" aria-labelledby="shortcut-legend-heading">
      <h2 id="shortcut-legend-heading" className="visually-hidden">
        Keyboard shortcuts
      </h2>
      <dl>
        {shortcuts.map((shortcut) => (
          <div key={shortcut.label}>
            <dt>
              {shortcut.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && <span className="muted"> / </span>}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{shortcut.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
