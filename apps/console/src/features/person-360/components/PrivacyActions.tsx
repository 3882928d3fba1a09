import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Section } from '../../../components/Section';
import { useCan } from '../../auth/hooks/useViewer';
import { useErasePersonMutation, useExportPerson } from '../hooks/usePrivacyMutations';

/**
 * Data subject requests on the 360: download everything held on the person (support and admins)
 * and erase them (admins, after typing their name). Both ask for a reason, kept in the audit log.
 */
export function PrivacyActions({ personId, displayName }: { personId: string; displayName: string }) {
  const canExport = useCan('privacy:export');
  const canErase = useCan('privacy:erase');
  const exportPerson = useExportPerson();
  const [erase, erasing] = useErasePersonMutation();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const reasonId = useId();
  const confirmId = useId();
  const eraseButtonRef = useRef<HTMLButtonElement>(null);
  const refocusErase = useRef(false);
  // The confirmation goes away with the element that had focus: back to the button that opened it.
  useEffect(() => {
    if (confirming || !refocusErase.current) return;
    refocusErase.current = false;
    eraseButtonRef.current?.focus();
  }, [confirming]);
  if (!canExport && !canErase) return null;
  const nameMatches = typed.trim() === displayName.trim();

  function cancelErase() {
    refocusErase.current = true;
    setConfirming(false);
    setTyped('');
  }

  async function download() {
    setBusy(true);
    setMessage(null);
    try {
      const document = await exportPerson(personId, reason.trim() || null);
      const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
      const link = Object.assign(window.document.createElement('a'), { href: url, download: `person-${personId}.json` });
      link.click();
      URL.revokeObjectURL(url);
      setMessage({ tone: 'info', text: 'Export downloaded.' });
    } catch (error) {
      setMessage({ tone: 'error', text: `Export failed: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  async function confirmErase() {
    setMessage(null);
    try {
      await erase(personId, reason.trim() || null);
      navigate('/persons', { replace: true, state: { notice: `${displayName} was erased.` } });
    } catch (error) {
      setMessage({ tone: 'error', text: `Erasure failed: ${(error as Error).message}` });
    }
  }

  return (
    <Section id="privacy" title="Privacy" className="privacy-panel">
      <label className="field-label" htmlFor={reasonId}>
        Reason (kept in the audit log)
      </label>
      <input id={reasonId} className="input" value={reason} maxLength={500} placeholder="e.g. ticket 4711" onChange={(event) => setReason(event.target.value)} />
      <div className="privacy-buttons">
        {canExport && (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void download()}>
            {busy ? 'Exporting…' : 'Download data (JSON)'}
          </button>
        )}
        {canErase && !confirming && (
          <button ref={eraseButtonRef} type="button" className="button button-small button-danger" onClick={() => setConfirming(true)}>
            Erase person…
          </button>
        )}
      </div>
      {confirming && (
        // A form, so Enter in the name field erases once the name matches.
        <form
          role="group"
          aria-label="Confirm erasure"
          className="privacy-confirm"
          onSubmit={(event) => {
            event.preventDefault();
            if (nameMatches && !erasing.loading) void confirmErase();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              cancelErase();
            }
          }}
        >
          <p className="small">
            Erasing removes {displayName} and everyone merged into them from every table, for good. Their identifiers are refused if they come back.
          </p>
          <label className="field-label" htmlFor={confirmId}>
            Type the name to confirm: {displayName}
          </label>
          <input id={confirmId} className="input" value={typed} autoFocus autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
          <div className="privacy-buttons">
            <button type="submit" className="button button-small button-danger" disabled={!nameMatches || erasing.loading}>
              {erasing.loading ? 'Erasing…' : 'Erase for good'}
            </button>
            <button type="button" className="button button-small" onClick={cancelErase}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {message && (
        <p className={message.tone === 'error' ? 'rule-problems' : 'small muted'} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </Section>
  );
}
