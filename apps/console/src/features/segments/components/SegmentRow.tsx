import { Link } from 'react-router-dom';
import { Badge } from '../../../components/Badge';
import { DateTime } from '../../../components/DateTime';
import { formatNumber } from '../../../components/format';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const SegmentRowFragment = graphql(`
  fragment SegmentRow_segment on Segment {
    id
    name
    description
    kind
    memberCount
    lastEvaluatedAt
  }
`);

export function SegmentRow(props: { segment: FragmentType<typeof SegmentRowFragment> }) {
  const segment = getFragmentData(SegmentRowFragment, props.segment);
  return (
    <tr data-segment-id={segment.id}>
      <th scope="row">
        <Link to={`/segments/${segment.id}`}>{segment.name}</Link>
      </th>
      <td className="cell-value">{segment.description ?? <span className="muted">—</span>}</td>
      <td>
        <Badge tone={segment.kind === 'STATIC' ? 'neutral' : 'info'}>{segment.kind === 'STATIC' ? 'Static' : 'Dynamic'}</Badge>
      </td>
      <td className="numeric">{formatNumber(segment.memberCount)}</td>
      <td className="nowrap">
        {segment.lastEvaluatedAt ? <DateTime value={segment.lastEvaluatedAt} relative /> : <span className="muted">Never</span>}
      </td>
    </tr>
  );
}
