import { humanizeEnum } from '../../../components/format';

/** firstName → First name, EXTERNAL_ID → External ID: the matcher uses both spellings. */
function fieldLabel(field: string): string {
  const constant = field.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return constant === 'ADDRESS_HASH' ? 'Address' : humanizeEnum(constant);
}
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const EvidenceListFragment = graphql(`
  fragment EvidenceList_mergeCandidate on MergeCandidate {
    persons {
      id
      displayName
    }
    evidence {
      field
      values
      supports
      detail
    }
  }
`);

type Evidence = { field: string; values: readonly string[]; supports: boolean; detail?: string | null };

/** What speaks for the merge and what against it, each with the matcher's own explanation. */
export function EvidenceList(props: { candidate: FragmentType<typeof EvidenceListFragment> }) {
  const { evidence, persons } = getFragmentData(EvidenceListFragment, props.candidate);
  // The matcher names persons by id; the reviewer knows them by name.
  const named = evidence.map((item) => ({
    ...item,
    detail: item.detail && persons.reduce((text, person) => text.replaceAll(`person ${person.id}`, person.displayName), item.detail),
  }));
  const supporting = named.filter((item) => item.supports);
  const opposing = named.filter((item) => !item.supports);
  return (
    <div className="evidence">
      <EvidenceColumn id="evidence-for" title="Evidence for" tone="for" items={supporting} empty="Nothing speaks for a merge." />
      <EvidenceColumn id="evidence-against" title="Evidence against" tone="against" items={opposing} empty="Nothing speaks against it." />
    </div>
  );
}

interface EvidenceColumnProps {
  id: string;
  title: string;
  tone: 'for' | 'against';
  items: readonly Evidence[];
  empty: string;
}

function EvidenceColumn({ id, title, tone, items, empty }: EvidenceColumnProps) {
  return (
    <section className={`evidence-column evidence-${tone}`} aria-labelledby={`${id}-heading`} id={id}>
      <h3 id={`${id}-heading`} className="evidence-title">
        <span className="evidence-icon" aria-hidden="true">
          {tone === 'for' ? '+' : '−'}
        </span>
        {title} <span className="panel-meta">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="evidence-empty muted">{empty}</p>
      ) : (
        <ul className="plain-list">
          {items.map((item, index) => (
            <li key={`${item.field}-${index}`} className="evidence-item">
              <span className="evidence-field">{fieldLabel(item.field)}</span>
              {item.values.length > 0 && (
                <span className="evidence-values">
                  {item.values.map((value, valueIndex) => (
                    <span key={valueIndex}>
                      {valueIndex > 0 && <span className="muted">, </span>}
                      <code>{value}</code>
                    </span>
                  ))}
                </span>
              )}
              {item.detail && <span className="evidence-detail">{item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
