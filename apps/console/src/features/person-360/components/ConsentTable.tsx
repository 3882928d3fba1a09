import { Badge } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { humanizeEnum } from '../../../components/format';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { ConsentHistory } from './ConsentHistory';

export const ConsentTableFragment = graphql(`
  fragment ConsentTable_person on Person {
    consents {
      purpose
      granted
      source
      updatedAt
      expiresAt
      ...ConsentHistory_consent
    }
  }
`);

export function ConsentTable(props: { person: FragmentType<typeof ConsentTableFragment> }) {
  const { consents } = getFragmentData(ConsentTableFragment, props.person);
  const sorted = [...consents].sort((a, b) => a.purpose.localeCompare(b.purpose));

  return (
    <Section id="consents" title="Consents" meta={consents.length}>
      {consents.length === 0 ? (
        <EmptyState>No consent recorded.</EmptyState>
      ) : (
        <ul className="plain-list">
          {sorted.map((consent) => {
            const expired = consent.expiresAt != null && new Date(consent.expiresAt).getTime() < Date.now();
            return (
              <li key={consent.purpose} className="list-item">
                <div className="list-item-main">
                  <span className="list-item-title">{humanizeEnum(consent.purpose)}</span>
                  <span className="muted small">
                    {consent.source ?? 'unknown source'} · updated <DateTime value={consent.updatedAt} relative />
                    {consent.expiresAt && (
                      <>
                        {' '}
                        · {expired ? 'expired' : 'expires'} <DateTime value={consent.expiresAt} />
                      </>
                    )}
                  </span>
                  <ConsentHistory consent={consent} />
                </div>
                {expired ? (
                  <Badge tone="warning">Expired</Badge>
                ) : consent.granted ? (
                  <Badge tone="success">Granted</Badge>
                ) : (
                  <Badge tone="danger">Denied</Badge>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
