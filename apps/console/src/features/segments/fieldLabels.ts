// How the builder names operators and groups fields; the API's `segmentFields` is the source of what exists.
import type { FieldInfo } from './ruleTree';

const operatorLabels: Record<string, string> = {
  eq: 'is',
  neq: 'is not',
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  between: 'between',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  starts_with: 'starts with',
  exists: 'has a value',
  not_exists: 'has no value',
  within_last_days: 'in the last … days',
  before: 'before',
  after: 'after',
  performed: 'performed',
  not_performed: 'did not perform',
};

export function operatorLabel(operator: string): string {
  return operatorLabels[operator] ?? operator;
}

const groups: Array<[label: string, test: (path: string) => boolean]> = [
  ['Person', (path) => ['email', 'phone', 'firstName', 'lastName', 'firstSeenAt', 'lastSeenAt', 'createdAt'].includes(path)],
  ['Traits', (path) => path.startsWith('trait.')],
  ['Consents', (path) => path.startsWith('consent.')],
  ['Events', (path) => path === 'event'],
  ['Lifetime value', (path) => path.startsWith('ltv.')],
  ['Engagement', (path) => path.startsWith('engagement.')],
  ['Identities and segments', (path) => path.startsWith('identity.') || path === 'segment'],
];

/** Fields in picker groups (Person, Traits, Consents, …), in the API's order within each group. */
export function groupFields<T extends FieldInfo>(fields: readonly T[]): Array<{ label: string; fields: T[] }> {
  const result = [...groups.map(([label]) => ({ label, fields: [] as T[] })), { label: 'Activity', fields: [] as T[] }];
  for (const field of fields) {
    const index = groups.findIndex(([, test]) => test(field.path));
    result[index === -1 ? result.length - 1 : index].fields.push(field);
  }
  return result.filter((group) => group.fields.length > 0);
}
