import { useState } from 'react';
import { type EditorGroup, parseRulesJson, type RulesGroupJson } from '../ruleTree';

interface RulesJsonEditorProps {
  rules: RulesGroupJson;
  /** Absent: the JSON can be read and copied, not changed. */
  onApply?: (tree: EditorGroup) => void;
}

/** The rules as JSON, for power users: edit, then apply to replace the tree. */
export function RulesJsonEditor({ rules, onApply }: RulesJsonEditorProps) {
  const readOnly = !onApply;
  // null: show the tree as it is; a string: the user's unapplied edit.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = draft ?? JSON.stringify(rules, null, 2);

  const apply = () => {
    if (draft === null) return;
    const parsed = parseRulesJson(draft);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    onApply?.(parsed.tree);
  };

  return (
    <details className="rules-json">
      <summary>JSON</summary>
      <label className="field-label" htmlFor="segment-rules-json">
        Rules as JSON
      </label>
      <textarea
        id="segment-rules-json"
        className="input rules-json-text"
        spellCheck={false}
        rows={Math.min(24, Math.max(6, text.split('\n').length + 1))}
        value={text}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'segment-rules-json-error' : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
      />
      {error && (
        <p id="segment-rules-json-error" className="rule-problems" role="alert">
          {error}
        </p>
      )}
      {!readOnly && (
        <div className="rules-json-actions">
          <button type="button" className="button button-small" disabled={draft === null} onClick={apply}>
            Apply JSON
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            disabled={draft === null}
            onClick={() => {
              setDraft(null);
              setError(null);
            }}
          >
            Discard edits
          </button>
        </div>
      )}
    </details>
  );
}
