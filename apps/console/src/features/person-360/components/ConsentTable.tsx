import { Badge } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { humanizeEnum } from '../../../components/format';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const ConsentTableFragment = graphql(`
  fragment ConsentTable_person on Person {
    consents {
      purpose
      granted
      source
      updatedAt
      expiresAt
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
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Consents</caption>
            <thead>
              <tr>
                <th scope="col">Purpose</th>
                <th scope="col">Status</th>
                <th scope="col">Source</th>
                <th scope="col">Updated</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((consent) => {
                const expired = consent.expiresAt != null && new Date(consent.expiresAt).getTime() < Date.now();
                return (
                  <tr key={consent.purpose}>
                    <th scope="row">{humanizeEnum(consent.purpose)}</th>
                    <td className="nowrap">
                      {expired ? (
                        <Badge tone="warning">Expired</Badge>
                      ) : consent.granted ? (
                        <Badge tone="success">Granted</Badge>
                      ) : (
                        <Badge tone="danger">Denied</Badge>
                      )}
                    </td>
                    <td>{consent.source ?? <span className="muted">—</span>}</td>
                    <td className="nowrap">
                      <DateTime value={consent.updatedAt} relative />
                    </td>
                    <td className="nowrap">
                      <DateTime value={consent.expiresAt} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
