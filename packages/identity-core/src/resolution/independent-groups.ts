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
 * the batch (`[0.1, 0.45, 0.45]`); records keep their batch order inside each group. A batch that
 * is one component stays one group.
 */
export function independentGroups(batch: readonly NormalizedRecord[], snapshot: Snapshot, shares: readonly number[]): NormalizedRecord[][] {
  if (shares.length <= 1 || batch.length < 2) return [batch.slice()];
  // Union-find over the records' positions; each key and each stored person points at the first
  // record that reached it. Person ids (uuids) and identifier keys (`EMAIL|...`) cannot collide.
  const parent = new Int32Array(batch.length);
  for (let position = 0; position < batch.length; position += 1) parent[position] = position;
  const find = (position: number): number => {
    let root = position;
    while (parent[root] !== root) root = parent[root];
    for (let current = position; parent[current] !== root; ) {
      const next = parent[current];
      parent[current] = root;
      current = next;
    }
    return root;
  };
  const firstWith = new Map<string, number>();
  const tie = (token: string, position: number): void => {
    const first = firstWith.get(token);
    if (first === undefined) {
      firstWith.set(token, position);
      return;
    }
    const a = find(first);
    const b = find(position);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };

  batch.forEach((record, position) => {
    // A rejected record (no identifiers) changes nothing the engine keeps: alone, it is its own group.
    const known = snapshot.records.get(record.recordKey);
    if (known?.personId) tie(known.personId, position);
    for (const identifier of record.identifiers) {
      const key = identifierKey(identifier);
      tie(key, position);
      const holder = snapshot.byKey.get(key);
      if (holder !== undefined) tie(holder, position);
      const members = snapshot.claims.get(key)?.members;
      if (members) for (const member of members) tie(member.personId, position);
    }
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
    const share = shares[Math.min(groups.length, shares.length - 1)] * batch.length;
    if (size >= share && groups.length < shares.length - 1) {
      groups.push(inBatchOrder(current));
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) groups.push(inBatchOrder(current));
  return groups;
}
