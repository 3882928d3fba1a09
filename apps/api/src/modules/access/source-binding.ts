// An ingest:write API key bound to a source sends as that source's provider only: what it sends
// defaults to that provider, and naming another one is refused.
import { ErrorCode, SpineError } from '../../graphql/errors.js';
import type { Principal } from './principal.js';

export function bindToSource<T>(principal: Principal, items: T[], get: (item: T) => string | null | undefined, set: (item: T, provider: string) => void): void {
  const bound = principal.sourceProvider;
  if (!bound) return;
  for (const item of items) {
    const named = get(item)?.trim().toLowerCase();
    if (named && named !== bound) {
      throw new SpineError(ErrorCode.FORBIDDEN, `This API key sends as provider "${bound}" only, not "${named.slice(0, 100)}".`);
    }
    if (!named) set(item, bound);
  }
}
