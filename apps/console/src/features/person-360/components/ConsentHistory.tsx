import { Badge, type BadgeTone } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { humanizeEnum } from '../../../components/format';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { type ConsentDecision, consentDecisions } from './consentDecisions';
import './ConsentHistory.css';

export const ConsentHistoryFragment = graphql(`
  fragment ConsentHistory_consent on Consent {
    purpose
    history {
      granted
      source
      ip
      occurredAt
      expiresAt
      recordedAt
    }
  }
`);

const decisionTone: Record<ConsentDecision, BadgeTone> = { Granted: 'success', Revoked: 'danger', Denied: 'danger' };
/** A decision sent in late (an import, a batch from a form provider) says when Spine learned of it. */
const LATE_RECORDING_MS = 60_000;
/** What the API serves in place of an address to roles without pii:read. */
const MASKED_IP = '***';

/** Every grant and revocation of one purpose, newest first, behind a disclosure. */
export function ConsentHistory(props: { consent: FragmentType<typeof ConsentHistoryFragment> }) {
  const { purpose, history } = getFragmentData(ConsentHistoryFragment, props.consent);
  if (history.length === 0) return <span className="muted small">No history recorded</span>;
  const decisions = consentDecisions(history);
  const name = humanizeEnum(purpose);

  return (
    <details className="consent-history">
      <summary>
        History<span className="visually-hidden"> of {name}</span> ({history.length})
      </summary>
      <ol className="consent-history-list" aria-label={`${name} history, newest first`}>
        {history.map((change, index) => {
          const late = new Date(change.recordedAt).getTime() - new Date(change.occurredAt).getTime() > LATE_RECORDING_MS;
          const expired = change.expiresAt != null && new Date(change.expiresAt).getTime() < Date.now();
          return (
            <li key={`${change.occurredAt}:${change.recordedAt}:${index}`}>
              <Badge tone={decisionTone[decisions[index]]}>{decisions[index]}</Badge>{' '}
              <DateTime value={change.occurredAt} />{' '}
              <span>{change.source ? `via ${change.source}` : 'unknown source'}</span>
              {change.expiresAt && (
                <>
                  {' '}
                  <span>
                    {expired ? 'expired' : 'expires'} <DateTime value={change.expiresAt} />
                  </span>
                </>
              )}
              {change.ip && (
                <>
                  {' '}
                  {change.ip === MASKED_IP ? (
                    <span className="muted">IP hidden</span>
                  ) : (
                    <span className="muted">
                      IP <code>{change.ip}</code>
                    </span>
                  )}
                </>
              )}
              {late && (
                <>
                  {' '}
                  <span className="muted">
                    recorded <DateTime value={change.recordedAt} />
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
