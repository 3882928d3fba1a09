import type { NormalizedRecord } from '../normalize/normalize-record.js';
import { identifierKey, type Snapshot } from '../types.js';

/**
 * Splits a batch into groups that resolve apart exactly as they resolve together: two records are
 * in one group when they share an identifier key, directly or through a person of the snapshot
 * (the holder of one of their keys, a household member of an address they carry, the person a
 * record of theirs is already stored with). Everything the engine decides for a record (matches,
 * claims and hub flags, household members, merges and their blockers, review candidates) involves
 * only such keys and persons, so a group never sees another's effects.
 *
 * The components are packed, whole and in batch order, into groups of about the given shares of
 * the batch (`[0.1, 0.45, 0.45]`; a number n is n equal shares); records keep their batch order
 * inside each group. A batch that is one component stays one group.
 */
export function independentGroups(batch: readonly NormalizedRecord[], snapshot: Snapshot, shares: number | readonly number[]): NormalizedRecord[][] {
  const fractions = typeof shares === 'number' ? Array.from({ length: Math.max(1, Math.floor(shares)) }, () => 1 / Math.max(1, Math.floor(shares))) : shares;
  if (fractions.length <= 1 || batch.length < 2) return [batch.slice()];
  // Union-find: node i < batch.length is the record at position i; then one node per identifier
  // key and per snapshot person.
  const parent: number[] = batch.map((_record, position) => position);
  const nodeOf = new Map<string, number>();
  const node = (token: string): number => {
    let id = nodeOf.get(token);
    if (id === undefined) {
      id = parent.length;
      parent.push(id);
      nodeOf.set(token, id);
    }
    return id;
  };
  // Identifier keys start with their kind (`EMAIL|...`): a prefix that no kind has keeps persons apart.
  const personNode = (personId: string) => node(`person\u001f${personId}`);
  const find = (id: number): number => {
    let root = id;
    while (parent[root] !== root) root = parent[root];
    for (let current = id; parent[current] !== root; ) {
      const next = parent[current];
      parent[current] = root;
      current = next;
    }
    return root;
  };
  const union = (a: number, b: number): void => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  };

  batch.forEach((record, position) => {
    const known = snapshot.records.get(record.recordKey);
    if (known?.personId) union(position, personNode(known.personId));
    for (const identifier of record.identifiers) {
      const key = identifierKey(identifier);
      const keyNode = node(key);
      union(position, keyNode);
      const holder = snapshot.byKey.get(key);
      if (holder !== undefined) union(keyNode, personNode(holder));
      for (const member of snapshot.claims.get(key)?.members ?? []) union(keyNode, personNode(member.personId));
    }
  });
  // A record without identifiers (rejected) is alone, unless a record with its key came before.
  const recordKeyNodes = new Map<string, number>();
  batch.forEach((record, position) => {
    const first = recordKeyNodes.get(record.recordKey);
    if (first === undefined) recordKeyNodes.set(record.recordKey, position);
    else union(first, position);
  });

  // Components in the order of their first record; each is packed whole into the current group.
  const components = new Map<number, number[]>();
  batch.forEach((_record, position) => {
    const root = find(position);
    const component = components.get(root);
    if (component) component.push(position);
    else components.set(root, [position]);
  });
  const groups: NormalizedRecord[][] = [];
  // Positions in the batch of the records of the group being filled.
  let current: number[][] = [];
  let size = 0;
  const inBatchOrder = (positions: number[][]) => positions.flat().sort((a, b) => a - b).map((position) => batch[position]);
  for (const component of components.values()) {
    current.push(component);
    size += component.length;
    const share = fractions[Math.min(groups.length, fractions.length - 1)] * batch.length;
    if (size >= share && groups.length < fractions.length - 1) {
      groups.push(inBatchOrder(current));
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) groups.push(inBatchOrder(current));
  return groups;
}
