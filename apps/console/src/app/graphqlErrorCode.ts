import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** The API's error code (`extensions.code`, e.g. NOT_FOUND), when every error in the response has the same one. */
export function graphqlErrorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error) || error.errors.length === 0) return null;
  const codes = new Set(error.errors.map((item) => item.extensions?.code));
  const [code] = codes;
  return codes.size === 1 && typeof code === 'string' ? code : null;
}
