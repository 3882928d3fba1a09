// Rate limits per credential (per client address for anonymous callers), answered with 429 and
// Retry-After. In-process counters: with several API processes behind a balancer, each counts its
// own share (README, "Scaling out").
import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { createHash } from 'node:crypto';
import { credentialsOf } from './authenticate.middleware.js';

function clientAddress(request: Request): string {
  return ipKeyGenerator(request.ip ?? 'unknown');
}

/** `perMinute` calls a minute per key; 0 turns the limit off. `refuse` writes the 429 body in the route's own error shape. */
function perMinute(limit: number, key: (request: Request, response: Response) => string, refuse: (retryAfter: string) => unknown) {
  return rateLimit({
    windowMs: 60_000,
    limit,
    skip: () => limit === 0,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (_request, response) => {
      response.status(429).json(refuse(String(response.getHeader('retry-after') ?? 'a few')));
    },
  });
}

/** GraphQL: per credential (its principal id), or per client address when anonymous. */
export function graphqlRateLimit(limit: number) {
  return perMinute(
    limit,
    (request, response) => {
      const { principal } = credentialsOf(response);
      return principal.kind === 'anonymous' ? `ip:${clientAddress(request)}` : principal.id;
    },
    (retryAfter) => ({ errors: [{ message: `Too many requests: slow down and retry after ${retryAfter} seconds.`, extensions: { code: 'RATE_LIMITED' } }] }),
  );
}

/** Tracking API: per write key (a hash of the Authorization header), or per client address without one. */
export function trackingRateLimit(limit: number) {
  return perMinute(
    limit,
    (request) => {
      const header = request.headers.authorization;
      return header ? `key:${createHash('sha256').update(header).digest('hex').slice(0, 32)}` : `ip:${clientAddress(request)}`;
    },
    (retryAfter) => ({ error: { code: 'RATE_LIMITED', message: `Too many calls for this write key: retry after ${retryAfter} seconds.` } }),
  );
}
