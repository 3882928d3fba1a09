import { useState } from 'react';
import { Badge } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { humanizeEnum } from '../../../components/format';
import { JsonValue } from '../../../components/JsonValue';
import { SearchInput } from '../../../components/SearchInput';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const TraitTableFragment = graphql(`
  fragment TraitTable_person on Person {
    traits {
      key
      value
      type
      source
      updatedAt
      expiresAt
    }
  }
`);

/** Above this many traits, a filter box helps find one. */
const FILTER_THRESHOLD = 8;

export function TraitTable(props: { person: FragmentType<typeof TraitTableFragment> }) {
  const { traits } = getFragmentData(TraitTableFragment, props.person);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = [...traits]
    .filter((trait) => !needle || trait.key.toLowerCase().includes(needle))
    .sort((a, b) => a.key.localeCompare(b.key));

  return (
    <Section
      id="traits"
      title="Traits"
      meta={traits.length}
      actions={
        traits.length > FILTER_THRESHOLD && (
          <SearchInput id="trait-filter" label="Filter traits by key" hideLabel placeholder="Filter by key" value={filter} onChange={setFilter} />
        )
      }
    >
      {traits.length === 0 ? (
        <EmptyState>No traits.</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState>No trait key contains “{filter.trim()}”.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Traits</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
                <th scope="col">Type</th>
                <th scope="col">Source</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((trait) => (
                <tr key={trait.key}>
                  <th scope="row" className="cell-key">
                    <code>{trait.key}</code>
                  </th>
                  <td className="cell-value">
                    <JsonValue value={trait.value} />
                    {trait.expiresAt && (
                      <span className="muted small">
                        {' '}
                        · expires <DateTime value={trait.expiresAt} />
                      </span>
                    )}
                  </td>
                  <td className="nowrap">
                    <Badge>{humanizeEnum(trait.type)}</Badge>
                  </td>
                  <td>{trait.source ?? <span className="muted">—</span>}</td>
                  <td className="nowrap">
                    <DateTime value={trait.updatedAt} relative />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
