import type { FragmentType } from '../../../gql';
import { PersonRow, type PersonRowFragment } from './PersonRow';

interface PersonsTableProps {
  persons: Array<{ id: string } & FragmentType<typeof PersonRowFragment>>;
  caption: string;
  busy?: boolean;
}

export function PersonsTable({ persons, caption, busy = false }: PersonsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table-persons" aria-busy={busy}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Primary email</th>
            <th scope="col">Phone</th>
            <th scope="col">Identities</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {persons.map((person) => (
            <PersonRow key={person.id} person={person} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
