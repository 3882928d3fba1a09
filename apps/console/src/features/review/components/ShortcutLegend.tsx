const SHORTCUTS = [
  { keys: ['j', '↓'], label: 'next' },
  { keys: ['k', '↑'], label: 'previous' },
  { keys: ['m'], label: 'merge' },
  { keys: ['r'], label: 'not the same person' },
] as const;

export function ShortcutLegend() {
  return (
    <section className="shortcut-legend" aria-labelledby="shortcut-legend-heading">
      <h2 id="shortcut-legend-heading" className="visually-hidden">
        Keyboard shortcuts
      </h2>
      <dl>
        {SHORTCUTS.map((shortcut) => (
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
