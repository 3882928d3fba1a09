// Segment's HTTP tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/):
// POST /v1/{identify,track,page,screen,alias,group,batch}, HTTP Basic auth with a source's write
// key as the user name (or `writeKey` in the body, as analytics-node also sends it). Everything
// in a request is stored in one transaction, or nothing is.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import type { EventType, IncomingEvent } from '../modules/events/incoming-event.js';
import { isJsonObject, jsonDepthExceeds, mayNeedSanitizing, MAX_JSON_DEPTH, serializedSizeBound } from '../modules/events/json-safety.js';
import { parseSegmentMessage } from '../modules/events/segment-message.js';
import type { SourceRow } from '../modules/sources/source.row.js';
import { badRequest, TrackingError, TrackingErrorCode } from './http-error.js';

/** Segment's documented limits. */
export const MAX_CALL_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
/** Bodies are read up to this size so that an oversized one still gets a clear 400, not a reset. */
const READ_LIMIT_BYTES = 4 * 1024 * 1024;

const SINGLE_TYPES: EventType[] = ['identify', 'track', 'page', 'screen', 'alias', 'group'];

function writeKeyFromHeader(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, encoded] = header.split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return '';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

function parseBody(raw: Buffer, limit: number, what: string): { body: Record<string, unknown>; sanitize: boolean } {
  if (raw.length > limit) {
    throw badRequest(TrackingErrorCode.REQUEST_TOO_LARGE, `${what} is ${raw.length} bytes; the limit is ${limit} bytes (${limit / 1024} KB)`, { bytes: raw.length, limit });
  }
  const text = raw.toString('utf8');
  if (jsonDepthExceeds(text)) throw badRequest(TrackingErrorCode.TOO_DEEP, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, { limit: MAX_JSON_DEPTH });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest(TrackingErrorCode.INVALID_JSON, `The body is not valid JSON (${(error as Error).message.slice(0, 200)})`);
  }
  if (!isJsonObject(body)) throw badRequest(TrackingErrorCode.INVALID_JSON, 'The body must be a JSON object');
  return { body, sanitize: mayNeedSanitizing(text) };
}

export function createTrackingRouter(deps: { db: DataSource; logger: Logger; services: Services }): Router {
  const { db, logger, services } = deps;
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: READ_LIMIT_BYTES }));

  const authenticate = async (request: Request, body: Record<string, unknown> | undefined): Promise<SourceRow> => {
    const key = writeKeyFromHeader(request) ?? (typeof body?.writeKey === 'string' ? body.writeKey : undefined);
    if (!key) throw new TrackingError(401, TrackingErrorCode.UNAUTHENTICATED, 'A write key is required: HTTP Basic auth with the key as user name and an empty password');
    const source = await services.sources.authenticate(db, key);
    if (!source) throw new TrackingError(401, TrackingErrorCode.UNAUTHENTICATED, 'Unknown or revoked write key');
    return source;
  };

  const store = async (source: SourceRow, events: IncomingEvent[], response: Response) => {
    // First/last-seen times are queued: folded into the persons within seconds by `spine serve`.
    const result = await services.events.ingest(db, events, { name: source.name, provider: source.provider }, `source:${source.name}`, { seen: 'queued' });
    response.json({ success: true, accepted: result.accepted, duplicates: result.duplicates, suppressed: result.suppressed });
  };

  for (const type of SINGLE_TYPES) {
    router.post(`/${type}`, async (request, response) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const headerSource = writeKeyFromHeader(request) !== undefined ? await authenticate(request, undefined) : undefined;
      const { body, sanitize } = parseBody(raw, MAX_CALL_BYTES, 'The request');
      const source = headerSource ?? (await authenticate(request, body));
      const parsed = parseSegmentMessage(body, { type, receivedAt: new Date(), salt: source.id, sanitize });
      if (!parsed.ok) throw badRequest(TrackingErrorCode.INVALID_MESSAGE, parsed.error);
      await store(source, [parsed.event], response);
    });
  }

  const batch = async (request: Request, response: Response) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const headerSource = writeKeyFromHeader(request) !== undefined ? await authenticate(request, undefined) : undefined;
    const { body, sanitize } = parseBody(raw, MAX_BATCH_BYTES, 'The batch');
    const source = headerSource ?? (await authenticate(request, body));
    if (!Array.isArray(body.batch)) throw badRequest(TrackingErrorCode.INVALID_MESSAGE, 'batch must be an array of messages');
    const receivedAt = new Date();
    const batchContext = isJsonObject(body.context) ? body.context : null;
    const events: IncomingEvent[] = [];
    const problems: { index: number; error: string }[] = [];
    body.batch.forEach((message: unknown, index: number) => {
      // A body under the per-message limit cannot hold a message over it; a message whose size
      // bound is under it is not either. Only the rest is serialized to be measured.
      const size = raw.length <= MAX_CALL_BYTES || serializedSizeBound(message, MAX_CALL_BYTES) <= MAX_CALL_BYTES ? 0 : Buffer.byteLength(JSON.stringify(message) ?? '', 'utf8');
      if (size > MAX_CALL_BYTES) {
        problems.push({ index, error: `message is ${size} bytes; the limit is ${MAX_CALL_BYTES} bytes` });
        return;
      }
      const withContext = batchContext && isJsonObject(message) ? { ...message, context: { ...batchContext, ...(isJsonObject(message.context) ? message.context : {}) } } : message;
      const parsed = parseSegmentMessage(withContext, { receivedAt, batchSentAt: body.sentAt, salt: source.id, sanitize });
      if (parsed.ok) events.push(parsed.event);
      else problems.push({ index, error: parsed.error });
    });
    // All or nothing: a batch with a bad message is refused whole, so a fixed retry cannot half-duplicate it.
    if (problems.length) {
      throw badRequest(TrackingErrorCode.INVALID_MESSAGE, `${problems.length} of ${body.batch.length} messages are invalid, e.g. batch[${problems[0].index}]: ${problems[0].error}; nothing was stored`, {
        messages: problems.slice(0, 50),
      });
    }
    await store(source, events, response);
  };
  router.post('/batch', batch);
  // Segment's alias of /v1/batch, used by some libraries.
  router.post('/import', batch);

  router.use((request: Request, response: Response) => {
    response.status(404).json(new TrackingError(404, TrackingErrorCode.NOT_FOUND, `No tracking route ${request.method} ${request.baseUrl}${request.path}; use POST /v1/{identify,track,page,screen,alias,group,batch}`).toJSON());
  });
  router.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (error instanceof TrackingError) {
      response.status(error.status).json(error.toJSON());
      return;
    }
    const status = (error as { status?: number }).status;
    if (status === 413) {
      response.status(400).json(badRequest(TrackingErrorCode.REQUEST_TOO_LARGE, `The body is larger than ${READ_LIMIT_BYTES} bytes; the limits are ${MAX_CALL_BYTES} bytes per call and ${MAX_BATCH_BYTES} per batch`).toJSON());
      return;
    }
    if (status && status >= 400 && status < 500) {
      response.status(400).json(badRequest(TrackingErrorCode.INVALID_JSON, `The body could not be read (${(error as Error).message})`).toJSON());
      return;
    }
    logger.error({ err: error }, 'tracking request failed');
    next(error);
  });
  return router;
}
