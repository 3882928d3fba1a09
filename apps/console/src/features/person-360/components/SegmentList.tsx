import { EmptyState } from '../../../components/EmptyState';
import { formatNumber } from '../../../components/format';
import { Section } from '../../../components/Section';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const SegmentListFragment = graphql(`
  fragment SegmentList_person on Person {
    segments {
      id
      name
      description
      memberCount
    }
  }
`);

export function SegmentList(props: { person: FragmentType<typeof SegmentListFragment> }) {
  const { segments } = getFragmentData(SegmentListFragment, props.person);
  const sorted = [...segments].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <Section id="segments" title="Segments" meta={segments.length}>
      {segments.length === 0 ? (
        <EmptyState>Not in any segment.</EmptyState>
      ) : (
        <ul className="plain-list">
          {sorted.map((segment) => (
            <li key={segment.id} className="list-item">
              <div className="list-item-main">
                <span className="list-item-title">{segment.name}</span>
                {segment.description && <span className="muted small">{segment.description}</span>}
              </div>
              <span className="muted small nowrap">{formatNumber(segment.memberCount)} members</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
