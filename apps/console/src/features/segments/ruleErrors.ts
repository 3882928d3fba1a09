import { CombinedGraphQLErrors } from '@apollo/client/errors';

export interface RuleError {
  /** `rules.conditions[1].value`, or null when the API did not say where. */
  path: string | null;
  message: string;
}

/**
 * The problems a BAD_USER_INPUT answer lists (`extensions.details.errors`), one per place;
 * null for any other error (network, server), which the caller shows as a plain failure.
 */
export function ruleErrors(error: unknown): RuleError[] | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const bad = error.errors.filter((item) => item.extensions?.code === 'BAD_USER_INPUT');
  if (bad.length === 0) return null;
  return bad.flatMap((item) => {
    const details = item.extensions?.details as { errors?: Array<{ path?: unknown; message?: unknown }> } | undefined;
    const located = (details?.errors ?? []).filter((entry) => typeof entry.message === 'string');
    if (located.length === 0) return [{ path: null, message: item.message }];
    return located.map((entry) => ({
      path: typeof entry.path === 'string' ? entry.path : null,
      message: typeof entry.path === 'string' ? `${entry.path}: ${String(entry.message)}` : String(entry.message),
    }));
  });
}
