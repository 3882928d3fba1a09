import { actorLabel } from './actorLabel';
import { Badge } from './Badge';

/** Who acted, readably (the e-mail with a "Staff" label); the actor exactly as recorded is the title. */
export function Actor({ actor }: { actor: string }) {
  const { name, kind } = actorLabel(actor);
  return (
    <span className="actor" title={actor} data-actor={actor}>
      <span className="actor-name">{name}</span>
      {kind && (
        <>
          {' '}
          <Badge>{kind}</Badge>
        </>
      )}
    </span>
  );
}
