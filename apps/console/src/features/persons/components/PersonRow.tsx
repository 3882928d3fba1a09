import { Link, useNavigate } from 'react-router-dom';
import { DateTime } from '../../../components/DateTime';
import { type FragmentType, getFragmentData, graphql } from '../../../gql';

export const PersonRowFragment = graphql(`
  fragment PersonRow_person on Person {
    id
    displayName
    email
    phone
    phoneDisplay
    lastSeenAt
    identities {
      id
      provider
    }
  }
`);

export function PersonRow(props: { person: FragmentType<typeof PersonRowFragment> }) {
  const person = getFragmentData(PersonRowFragment, props.person);
  const navigate = useNavigate();
  const providers = [...new Set(person.identities.map((identity) => identity.provider))].sort();
  const href = `/persons/${encodeURIComponent(person.id)}`;

  return (
    <tr
      className="row-link"
      onClick={(event) => {
        // The name link is the keyboard path; the row click is a convenience for the mouse
        // that must not fire when the user is selecting text or used the link itself.
        if (event.target instanceof Element && event.target.closest('a')) return;
        if (window.getSelection()?.toString()) return;
        navigate(href);
      }}
    >
      <th scope="row">
        <Link to={href}>{person.displayName}</Link>
      </th>
      <td>{person.email ?? <span className="muted">—</span>}</td>
      <td className="nowrap">{person.phoneDisplay ?? person.phone ?? <span className="muted">—</span>}</td>
      <td>
        <span className="identity-count">{person.identities.length}</span>
        <span className="provider-list">
          {providers.map((provider) => (
            <span key={provider} className="chip">
              {provider}
            </span>
          ))}
        </span>
      </td>
      <td className="nowrap">
        <DateTime value={person.lastSeenAt} relative />
      </td>
    </tr>
  );
}
