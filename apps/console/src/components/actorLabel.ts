// Audit log actors as people read them. The API names who acted as `staff:<email>`,
// `api-key:<name>`, `cli:<os user>` or `import:<file>`, or by a bare word for itself
// (`admin-token`, `identity-resolution`, `demo-seed`, `anonymous`).

export interface ActorLabel {
  /** Who: the e-mail, key name, user or file; a plain name for the system's own actors. */
  name: string;
  /** What kind of actor ("Staff", "API key", "System", "Import"); null where the name says it all. */
  kind: string | null;
}

const prefixes = new Map<string, string>([
  ['staff', 'Staff'],
  ['api-key', 'API key'],
  ['cli', 'Command line'],
  ['import', 'Import'],
]);

const bare = new Map<string, ActorLabel>([
  ['admin-token', { name: 'Admin token', kind: 'System' }],
  ['identity-resolution', { name: 'Identity resolution', kind: 'System' }],
  ['demo-seed', { name: 'Demo data', kind: 'Import' }],
  ['anonymous', { name: 'Anonymous', kind: null }],
]);

/** `staff:sam@example.org` → Sam's e-mail, kind Staff. An actor of a kind not known here keeps its prefix as the kind. */
export function actorLabel(actor: string): ActorLabel {
  const known = bare.get(actor);
  if (known) return known;
  const colon = actor.indexOf(':');
  if (colon <= 0 || colon === actor.length - 1) return { name: actor, kind: null };
  const prefix = actor.slice(0, colon);
  const name = actor.slice(colon + 1);
  return { name, kind: prefixes.get(prefix) ?? humanize(prefix) };
}

function humanize(prefix: string): string {
  const words = prefix.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
