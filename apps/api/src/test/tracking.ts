// The /v1 tracking API as a test calls it: HTTP Basic with a write key, a JSON body.

/** A POST to /v1/<path> of the app at `url` with `writeKey` (null: no credentials). */
export function postTracking(url: string, writeKey: string | null, path: string, body: string | object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/v1/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(writeKey !== null ? { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
