// Guarded by default: every field of the served schema has an explicit rule, and the whole policy
// (each credential kind × each root field and PII field) is snapshotted so any change to it shows
// up in review.
import { describe, expect, it } from 'vitest';
import { GraphQLObjectType } from 'graphql';
import { buildSpineSchema } from '../../graphql/schema.js';
import { decide, fieldRules } from './access.enforcer.js';
import { adminTokenPrincipal, anonymousPrincipal, apiKeyPrincipal, staffPrincipal, type Principal } from './principal.js';
import { Permission, Role } from './roles.js';

const principals: [string, Principal][] = [
  ['anonymous', anonymousPrincipal],
  ['ADMIN', staffPrincipal({ id: 'a', email: 'a@example.com', role: Role.ADMIN })],
  ['SUPPORT', staffPrincipal({ id: 's', email: 's@example.com', role: Role.SUPPORT })],
  ['MARKETER', staffPrincipal({ id: 'm', email: 'm@example.com', role: Role.MARKETER })],
  ['VIEWER', staffPrincipal({ id: 'v', email: 'v@example.com', role: Role.VIEWER })],
  ['key:graph:read', apiKeyPrincipal({ id: 'k1', name: 'read', scopes: [Permission.GRAPH_READ], sourceProvider: null })],
  ['key:graph:read+pii:read', apiKeyPrincipal({ id: 'k2', name: 'pii', scopes: [Permission.GRAPH_READ, Permission.PII_READ], sourceProvider: null })],
  ['key:ingest:write', apiKeyPrincipal({ id: 'k3', name: 'ingest', scopes: [Permission.INGEST_WRITE], sourceProvider: null })],
  ['admin-token', adminTokenPrincipal()],
];

describe('access rules', () => {
  it('gives every field of every object type a rule, and every Query and Mutation field its own', async () => {
    const schema = await buildSpineSchema();
    const rules = fieldRules(schema);
    // The enumeration covers the whole schema: every object type field is listed once.
    const fieldCount = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => type instanceof GraphQLObjectType && !type.name.startsWith('__'))
      .reduce((sum, type) => sum + Object.keys(type.getFields()).length, 0);
    expect(rules).toHaveLength(fieldCount);
    expect(rules.length).toBeGreaterThan(200);
    expect(rules.filter((entry) => !entry.rule).map((entry) => `${entry.type}.${entry.field}`)).toEqual([]);
    const roots = rules.filter((entry) => entry.type === 'Query' || entry.type === 'Mutation');
    expect(roots.length).toBeGreaterThan(40);
    expect(roots.filter((entry) => entry.from !== 'field').map((entry) => `${entry.type}.${entry.field}`)).toEqual([]);
  });

  it('marks every field that carries e-mails, phones or addresses as personal data', async () => {
    const pii = fieldRules(await buildSpineSchema())
      .filter((entry) => entry.pii)
      .map((entry) => `${entry.type}.${entry.field}`)
      .sort();
    expect(pii).toEqual([
      'ConsentChange.ip',
      'Event.context',
      'Event.properties',
      'Identity.metadata',
      'Identity.rawValue',
      'Identity.value',
      'MergeEvidence.detail',
      'MergeEvidence.values',
      'PendingRecord.payload',
      'Person.displayName',
      'Person.email',
      'Person.phone',
      'Person.phoneDisplay',
      'PersonNote.body',
      'Segment.rules',
      'Trait.value',
    ]);
  });

  it('matches the committed role matrix', async () => {
    const rules = fieldRules(await buildSpineSchema()).filter((entry) => entry.type === 'Query' || entry.type === 'Mutation' || entry.pii);
    const short = { allow: 'ok', mask: 'masked', forbidden: 'FORBIDDEN', unauthenticated: 'UNAUTH' } as const;
    const header = ['field', ...principals.map(([name]) => name)].join(' | ');
    const lines = rules
      .sort((a, b) => `${a.type}.${a.field}`.localeCompare(`${b.type}.${b.field}`))
      .map((entry) => [`${entry.type}.${entry.field}`, ...principals.map(([, principal]) => short[decide(entry.rule!, entry.pii, principal)])].join(' | '));
    await expect([header, ...lines].join('\n') + '\n').toMatchFileSnapshot('./__snapshots__/role-matrix.txt');
  });
});
