// A deterministic, realistic demo population: people who show up in several providers with the
// usual mess (case, Gmail dots and tags, phone formats, Street/St), households, and a few
// look-alikes that end up in the merge review queue.
import type { SourceRecordInput } from '@spine/identity-core';

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'William', 'Mia', 'Benjamin', 'Charlotte', 'Lucas', 'Amelia', 'Henry', 'Harper', 'Theodore', 'Evelyn', 'Jack', 'Abigail', 'Levi', 'Emily', 'Alexander', 'Ella', 'Jackson', 'Elizabeth', 'Mateo', 'Camila', 'Daniel', 'Luna', 'Michael', 'Sofia', 'Mason', 'Avery', 'Sebastian', 'Scarlett', 'Ethan', 'Aria', 'Logan', 'Penelope', 'Owen', 'Chloe', 'Samuel', 'Layla', 'Jacob', 'Riley', 'Asher', 'Nora', 'Aiden', 'Zoey', 'John', 'Hannah', 'Joseph', 'Hazel', 'Wyatt', 'Lily', 'David', 'Ellie', 'Leo'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'proton.me', 'hotmail.com', 'fastmail.com'];
const STREETS = ['Maple', 'Oak', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Sunset', 'Highland', 'Mill'];
const SUFFIXES: [string, string][] = [['Street', 'St'], ['Avenue', 'Ave'], ['Road', 'Rd'], ['Drive', 'Dr'], ['Lane', 'Ln']];
// Real area codes and exchanges (555 numbers and unassigned area codes are not valid phone numbers).
const AREA_CODES = ['212', '312', '415', '503', '512', '617', '206', '303', '404', '608', '718', '773', '619', '702'];
const CITIES: [string, string, string][] = [['Portland', 'OR', '97201'], ['Austin', 'TX', '78701'], ['Denver', 'CO', '80202'], ['Boston', 'MA', '02108'], ['Seattle', 'WA', '98101'], ['Chicago', 'IL', '60601'], ['Atlanta', 'GA', '30303'], ['Madison', 'WI', '53703']];

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoPerson {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  records: SourceRecordInput[];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 16).toString(16);
  return out;
}

export function generateDemoPeople(count: number, seed = 20261122): DemoPerson[] {
  const random = seededRandom(seed);
  const people: DemoPerson[] = [];
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let index = 0; index < count; index += 1) {
    const firstName = pick(random, FIRST);
    const lastName = pick(random, LAST);
    const domain = pick(random, DOMAINS);
    const local = `${firstName}.${lastName}${index}`.toLowerCase();
    const email = `${local}@${domain}`;
    const area = pick(random, AREA_CODES);
    const exchange = String(201 + Math.floor(random() * 698));
    const line = String(1000 + index).padStart(4, '0');
    const phone = `+1${area}${exchange}${line}`;
    const [city, state, zip] = pick(random, CITIES);
    const [suffix, short] = pick(random, SUFFIXES);
    const streetNumber = 10 + Math.floor(random() * 980);
    const street = pick(random, STREETS);
    const unit = random() < 0.3 ? `Apt ${1 + Math.floor(random() * 30)}` : null;
    const at = (days: number) => new Date(base + days * 86_400_000).toISOString();
    const firstSeen = Math.floor(random() * 300);
    const records: SourceRecordInput[] = [
      { provider: 'app', externalId: `usr_${hex(random, 12)}`, email, firstName, lastName, observedAt: at(firstSeen) },
    ];
    if (random() < 0.7) {
      const shownEmail = domain === 'gmail.com' && random() < 0.5 ? `${local.replace('.', '')}+shop@gmail.com` : email.toUpperCase();
      records.push({
        provider: 'shopify',
        externalId: String(6_000_000_000 + index),
        email: shownEmail,
        phone: `(${area}) ${exchange}-${line}`,
        firstName,
        lastName,
        address: { line1: `${streetNumber} ${street} ${suffix}`, line2: unit, city, state, postalCode: zip, country: 'US' },
        observedAt: at(firstSeen + 3),
      });
    }
    if (random() < 0.5) {
      records.push({ provider: 'stripe', externalId: `cus_${hex(random, 14)}`, email, phone: `+1 ${area} ${exchange} ${line}`, firstName, lastName, observedAt: at(firstSeen + 4) });
    }
    if (random() < 0.25) {
      records.push({
        provider: 'amazon',
        externalId: `${100 + Math.floor(random() * 900)}-${hex(random, 7)}`,
        firstName,
        lastName,
        phone: `${area}.${exchange}.${line}`,
        address: { line1: `${streetNumber} ${street} ${short}`, line2: unit?.replace('Apt ', '#') ?? null, city, state, postalCode: `${zip}-${1000 + index}`, country: 'USA' },
        observedAt: at(firstSeen + 20),
      });
    }
    if (random() < 0.4) records.push({ provider: 'klaviyo', externalId: `kl_${hex(random, 10)}`, email, observedAt: at(firstSeen + 1) });
    if (random() < 0.3) records.push({ provider: 'posthog', externalId: `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}`, email, observedAt: at(firstSeen) });
    people.push({ key: `demo-${index}`, firstName, lastName, email, phone, records });
  }
  // Households and look-alikes: a partner on the same family email with another first name
  // goes to the review queue instead of being glued on.
  for (let index = 0; index < Math.floor(count / 40); index += 1) {
    const person = people[index * 7];
    const partner = pick(random, FIRST.filter((name) => name !== person.firstName));
    person.records.push({ provider: 'klaviyo', externalId: `kl_household_${index}`, email: person.email, firstName: partner, lastName: person.lastName, observedAt: '2025-11-01T00:00:00Z' });
  }
  return people;
}
