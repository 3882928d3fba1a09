import { Badge, type BadgeTone } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { formatNumber, formatPercent } from '../../../components/format';
import { formatMoney } from '../../../components/money';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const PersonHeaderFragment = graphql(`
  fragment PersonHeader_person on Person {
    id
    displayName
    email
    phone
    phoneDisplay
    firstSeenAt
    lastSeenAt
    lifetimeValue {
      currentValue
      predictedValue
      totalPurchases
      churnProbability
      computedAt
      currency
    }
    engagement {
      overall
      recency
      frequency
      monetary
      computedAt
    }
  }
`);

function churnTone(probability: number): { tone: BadgeTone; label: string } {
  if (probability >= 0.6) return { tone: 'danger', label: 'High' };
  if (probability >= 0.3) return { tone: 'warning', label: 'Medium' };
  return { tone: 'success', label: 'Low' };
}

export function PersonHeader(props: { person: FragmentType<typeof PersonHeaderFragment> }) {
  const person = getFragmentData(PersonHeaderFragment, props.person);
  const ltv = person.lifetimeValue;
  const engagement = person.engagement;
  const churn = ltv?.churnProbability != null ? churnTone(ltv.churnProbability) : null;

  return (
    <div className="person-header">
      <div className="person-identity">
        <div className="avatar" aria-hidden="true">
          {initials(person.displayName)}
        </div>
        <div className="person-heading">
          <div className="person-title-row">
            <h1 className="page-title">{person.displayName}</h1>
            <code className="id" title="Person id">
              {person.id}
            </code>
          </div>
          <dl className="inline-facts">
            <div>
              <dt>Email</dt>
              <dd>{person.email ?? <span className="muted">none</span>}</dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>{person.phoneDisplay ?? person.phone ?? <span className="muted">none</span>}</dd>
            </div>
            <div>
              <dt>First seen</dt>
              <dd>
                <DateTime value={person.firstSeenAt} />
              </dd>
            </div>
            <div>
              <dt>Last seen</dt>
              <dd>
                <DateTime value={person.lastSeenAt} relative />
              </dd>
            </div>
          </dl>
        </div>
      </div>

      <dl className="stats" aria-label="Value and engagement">
        <div className="stat">
          <dt>Lifetime value</dt>
          <dd className="stat-value">{ltv ? formatMoney(ltv.currentValue, ltv.currency) : <span className="muted">—</span>}</dd>
          {ltv && (
            <dd className="stat-detail">
              {formatNumber(ltv.totalPurchases)} {ltv.totalPurchases === 1 ? 'purchase' : 'purchases'}
              {ltv.predictedValue != null && <> · predicted {formatMoney(ltv.predictedValue, ltv.currency)}</>}
            </dd>
          )}
        </div>
        <div className="stat">
          <dt>Churn risk</dt>
          <dd className="stat-value">
            {churn && ltv?.churnProbability != null ? (
              <>
                {formatPercent(ltv.churnProbability)} <Badge tone={churn.tone}>{churn.label}</Badge>
              </>
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
        </div>
        <div className="stat">
          <dt>Engagement</dt>
          <dd className="stat-value">
            {engagement ? (
              <>
                {engagement.overall}
                <span className="stat-unit">/100</span>
              </>
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
          {engagement && (
            <dd className="stat-detail">
              R {engagement.recency} · F {engagement.frequency} · M {engagement.monetary}
            </dd>
          )}
        </div>
      </dl>
    </div>
  );
}

function initials(name: string): string {
  const letters = name
    .split(/[\s@._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase());
  return letters.join('') || '?';
}
