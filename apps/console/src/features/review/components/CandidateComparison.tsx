import type { ReactNode } from 'react';
import { Badge } from '../../../components/Badge';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';
import { asPayload, payloadAddress, payloadName } from './candidateText';
import { useCan } from '../../auth/hooks/useViewer';
import { comparisonVerdict } from '../comparisonVerdict';

export const CandidateComparisonFragment = graphql(`
  fragment CandidateComparison_mergeCandidate on MergeCandidate {
    persons {
      id
      displayName
      firstName
      lastName
      email
      phone
      identities {
        id
        kind
        provider
        value
        rawValue
      }
    }
    pendingRecords {
      provider
      externalId
      payload
    }
  }
`);

interface Column {
  key: string;
  heading: ReactNode;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** "provider: value" lines, grouped by provider. */
  identities: Array<{ provider: string; values: string[] }>;
}

const FIELDS = [
  { key: 'name', label: 'Name' },
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
  { key: 'address', label: 'Address' },
] as const;

/**
 * The persons and the records waiting on the decision side by side. A row whose values are not all
 * the same is marked (in words as well as colour) so the reviewer sees at once where they differ;
 * a value that only some sides have is marked as such, not as a difference.
 */
export function CandidateComparison(props: { candidate: FragmentType<typeof CandidateComparisonFragment> }) {
  const candidate = getFragmentData(CandidateComparisonFragment, props.candidate);

  const columns: Column[] = [
    ...candidate.persons.map((person, index): Column => {
      const byProvider = new Map<string, string[]>();
      for (const identity of person.identities) {
        const shown = identity.kind === 'ADDRESS_HASH' ? null : identity.value;
        if (!shown) continue;
        byProvider.set(identity.provider, [...(byProvider.get(identity.provider) ?? []), shown]);
      }
      const address = person.identities.find((identity) => identity.kind === 'ADDRESS_HASH');
      return {
        key: `person-${person.id}`,
        heading: (
          <>
            <span className="compare-kind">Person {candidate.persons.length > 1 ? index + 1 : ''}</span>
            <a href={`/persons/${encodeURIComponent(person.id)}`} target="_blank" rel="noreferrer">
              {person.displayName}
              <span className="visually-hidden"> (opens the customer 360 in a new tab)</span>
            </a>
          </>
        ),
        name: [person.firstName, person.lastName].filter(Boolean).join(' ') || null,
        email: person.email ?? null,
        phone: person.phone ?? null,
        // Persons keep only the hash of an address; the text as received is the best to compare.
        address: address ? (address.rawValue ?? `hash ${address.value.slice(0, 12)}…`) : null,
        identities: groupSorted(byProvider),
      };
    }),
    ...candidate.pendingRecords.map((record): Column => {
      const payload = asPayload(record.payload);
      const values = [record.externalId, payload.email, payload.phone].filter((value): value is string => Boolean(value));
      return {
        key: `record-${record.provider}-${record.externalId}`,
        heading: (
          <>
            <span className="compare-kind">Waiting record</span>
            <span>
              <span className="provider-name">{record.provider}</span> <code>{record.externalId}</code>
            </span>
          </>
        ),
        name: payloadName(payload),
        email: payload.email ?? null,
        phone: payload.phone ?? null,
        address: payloadAddress(payload),
        identities: [{ provider: record.provider, values }],
      };
    }),
  ];

  const canSeePii = useCan('pii:read');
  return (
    <div className="table-wrap compare-wrap">
      <table className="table compare-table">
        <caption className="visually-hidden">
          Side-by-side comparison; rows marked “Differs” have different values, “Only one side” a value that not every side has
        </caption>
        <thead>
          <tr>
            <th scope="col" className="compare-field">
              <span className="visually-hidden">Field</span>
            </th>
            {columns.map((column) => (
              <th key={column.key} scope="col" className="compare-head">
                {column.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIELDS.map((field) => {
            const values = columns.map((column) => column[field.key]);
            // Masked e-mails, phones and addresses (no pii:read) can look alike while the values differ: no verdict on them.
            const masked = !canSeePii && (field.key === 'email' || field.key === 'phone' || field.key === 'address');
            const verdict = masked ? null : comparisonVerdict(values, field.key === 'phone');
            return (
              <tr key={field.key} className={verdict === 'differs' ? 'compare-row is-different' : 'compare-row'} data-field={field.key}>
                <th scope="row" className="compare-field">
                  {field.label}
                  {verdict === 'differs' ? (
                    <Badge tone="warning">Differs</Badge>
                  ) : verdict === 'same' ? (
                    <Badge tone="success">Same</Badge>
                  ) : verdict === 'partial' ? (
                    <Badge tone="neutral">{values.filter(Boolean).length === 1 ? 'Only one side' : 'Not on every side'}</Badge>
                  ) : null}
                </th>
                {values.map((value, index) => (
                  <td key={columns[index].key} className="cell-value">
                    {value ?? <span className="muted">—</span>}
                  </td>
                ))}
              </tr>
            );
          })}
          <tr className="compare-row" data-field="identities">
            <th scope="row" className="compare-field">
              Identities
            </th>
            {columns.map((column) => (
              <td key={column.key} className="cell-value">
                {column.identities.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ul className="plain-list compare-identities">
                    {column.identities.map((group) => (
                      <li key={group.provider}>
                        <span className="chip">{group.provider}</span>{' '}
                        {group.values.map((value, index) => (
                          <span key={value}>
                            {index > 0 && ', '}
                            <code>{value}</code>
                          </span>
                        ))}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function groupSorted(byProvider: Map<string, string[]>) {
  return [...byProvider.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([provider, values]) => ({ provider, values }));
}
