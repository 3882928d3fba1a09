import { Badge } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { humanizeEnum } from '../../../components/format';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { IdentityLinks } from './IdentityLinks';
import './IdentityList.css';

export const IdentityListFragment = graphql(`
  fragment IdentityList_person on Person {
    identities {
      id
      kind
      provider
      value
      rawValue
      isPrimary
      verifiedAt
      firstSeenAt
      lastSeenAt
      ...IdentityLinks_identity
    }
  }
`);

export function IdentityList(props: { person: FragmentType<typeof IdentityListFragment> }) {
  const { identities } = getFragmentData(IdentityListFragment, props.person);

  const byProvider = new Map<string, typeof identities>();
  for (const identity of identities) {
    const group = byProvider.get(identity.provider) ?? [];
    group.push(identity);
    byProvider.set(identity.provider, group);
  }
  const groups = [...byProvider.entries()].sort(([a], [b]) => a.localeCompare(b));

  return (
    <Section
      id="identities"
      title="Identities"
      meta={`${identities.length} from ${groups.length} ${groups.length === 1 ? 'source' : 'sources'}`}
    >
      {identities.length === 0 ? (
        <EmptyState>No identities.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Identities grouped by provider</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Value</th>
                <th scope="col">Status</th>
                <th scope="col">Why linked</th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            {groups.map(([provider, group]) => (
              <tbody key={provider} className="group">
                <tr className="group-row">
                  <th scope="colgroup" colSpan={6}>
                    <span className="provider-name">{provider}</span>
                    <span className="muted"> · {group.length}</span>
                  </th>
                </tr>
                {[...group]
                  .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.kind.localeCompare(b.kind))
                  .map((identity) => (
                    <tr key={identity.id} data-provider={provider}>
                      <td className="nowrap">
                        <Badge>{humanizeEnum(identity.kind)}</Badge>
                      </td>
                      <th scope="row" className="cell-value identity-cell-value">
                        {identity.kind === 'ADDRESS_HASH' ? (
                          // The hash only matters for matching; its start is enough to compare two.
                          <code className="identity-value" title={identity.value}>
                            {identity.value.slice(0, 12)}…
                          </code>
                        ) : (
                          <code className="identity-value">{identity.value}</code>
                        )}
                        {identity.rawValue && identity.rawValue !== identity.value && (
                          <span className="muted raw-value" title="As received, before normalization">
                            {' '}
                            ({identity.rawValue})
                          </span>
                        )}
                      </th>
                      <td className="nowrap">
                        {identity.isPrimary && <Badge tone="info">Primary</Badge>}{' '}
                        {identity.verifiedAt && (
                          <Badge tone="success" title={`Verified ${new Date(identity.verifiedAt).toLocaleString()}`}>
                            Verified
                          </Badge>
                        )}
                      </td>
                      <td className="cell-links">
                        <IdentityLinks identity={identity} />
                      </td>
                      <td className="nowrap">
                        <DateTime value={identity.firstSeenAt} />
                      </td>
                      <td className="nowrap">
                        <DateTime value={identity.lastSeenAt} relative />
                      </td>
                    </tr>
                  ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </Section>
  );
}
