import { type RefObject, useId, useRef } from 'react';

interface DecisionBarProps {
  rejecting: boolean;
  onRejectingChange: (rejecting: boolean) => void;
  reason: string;
  onReasonChange: (reason: string) => void;
  onMerge: () => void;
  onReject: () => void;
  busy: boolean;
  reasonRef: RefObject<HTMLInputElement | null>;
}

/**
 * "Merge" decides at once; "Not the same person" opens an inline form that asks why, so the
 * rejection is never proposed again without a trace of the reasoning.
 */
export function DecisionBar(props: DecisionBarProps) {
  const reasonId = useId();
  const hintId = useId();
  const reason = props.reason.trim();
  const rejectButtonRef = useRef<HTMLButtonElement>(null);
  // The form goes away with the element that had focus: give it back to the button that opens it.
  const cancel = () => {
    rejectButtonRef.current?.focus();
    props.onRejectingChange(false);
  };
  return (
    <div className="decision-bar">
      <div className="decision-buttons" role="group" aria-label="Decision">
        <button type="button" className="button button-primary" onClick={props.onMerge} disabled={props.busy} aria-keyshortcuts="m">
          Merge <kbd aria-hidden="true">m</kbd>
        </button>
        <button
          ref={rejectButtonRef}
          type="button"
          className="button button-danger"
          onClick={() => props.onRejectingChange(true)}
          disabled={props.busy}
          aria-expanded={props.rejecting}
          aria-controls={props.rejecting ? reasonId : undefined}
          aria-keyshortcuts="r"
        >
          Not the same person <kbd aria-hidden="true">r</kbd>
        </button>
      </div>
      {props.rejecting && (
        <form
          className="reject-form"
          aria-label="Reject this candidate"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason && !props.busy) props.onReject();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              cancel();
            }
          }}
        >
          <label htmlFor={reasonId} className="field-label">
            Why are they not the same person?
          </label>
          <div className="reject-row">
            <input
              ref={props.reasonRef}
              id={reasonId}
              className="input"
              value={props.reason}
              required
              autoComplete="off"
              aria-describedby={hintId}
              placeholder="e.g. shared family e-mail, different first names"
              onChange={(event) => props.onReasonChange(event.target.value)}
            />
            <button type="submit" className="button button-danger" disabled={!reason || props.busy}>
              Reject
            </button>
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </div>
          <p id={hintId} className="small muted reject-hint">
            Enter rejects, Esc cancels. They will not be proposed again.
          </p>
        </form>
      )}
    </div>
  );
}
