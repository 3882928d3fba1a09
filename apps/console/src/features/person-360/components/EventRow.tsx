import { DateTime } from '../../../components/DateTime';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const EventRowFragment = graphql(`
  fragment EventRow_event on Event {
    id
    name
    type
    source
    properties
    occurredAt
    utmSource
    utmMedium
    utmCampaign
  }
`);

export function EventRow(props: { event: FragmentType<typeof EventRowFragment> }) {
  const event = getFragmentData(EventRowFragment, props.event);
  const hasProperties =
    event.properties !== null && typeof event.properties === 'object' && Object.keys(event.properties).length > 0;
  const utm = [event.utmSource, event.utmMedium, event.utmCampaign].filter(Boolean).join(' / ');
  const label = (
    <>
      <span className="event-name">{event.name}</span>
      {utm && <span className="muted small event-utm"> · {utm}</span>}
    </>
  );

  return (
    <tr>
      <th scope="row" className="cell-value">
        {hasProperties ? (
          <details className="event-details">
            <summary>{label}</summary>
            <pre className="json-block">{JSON.stringify(event.properties, null, 2)}</pre>
          </details>
        ) : (
          label
        )}
      </th>
      <td className="nowrap">
        <code>{event.type}</code>
      </td>
      <td>{event.source}</td>
      <td className="nowrap">
        <DateTime value={event.occurredAt} />
      </td>
    </tr>
  );
}
