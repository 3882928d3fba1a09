// The person table as the API reads it, and its mapping to the GraphQL type.
import { formatPhoneForReading } from '@spine/identity-core';
import type { Person } from './person.type.js';

export interface PersonRow {
  id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  created_at: Date;
}

export const PERSON_COLUMNS = 'p.id, p.email, p.phone, p.first_name, p.last_name, p.first_seen_at, p.last_seen_at, p.created_at';

export function displayName(row: Pick<PersonRow, 'id' | 'email' | 'phone' | 'first_name' | 'last_name'>): string {
  const name = [row.first_name, row.last_name].filter((part) => part && part.trim()).join(' ').trim();
  return name || row.email || row.phone || `Unknown person ${row.id.slice(0, 8)}`;
}

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    email: row.email,
    phone: row.phone,
    phoneDisplay: row.phone === null ? null : formatPhoneForReading(row.phone),
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: displayName(row),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}
