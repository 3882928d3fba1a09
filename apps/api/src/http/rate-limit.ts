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

function tooMany(what: string) {
  return (_request: Request, response: Response) => {
    response.status(429).json({
      errors: [{ message: `Too many ${what}: slow down and retry after ${response.getHeader('retry-after') ?? 'a few'} seconds.`, extensions: { code: 'RATE_LIMITED' } }],
    });
  };
}

/** GraphQL: `perMinute` requests a minute per credential; 0 turns it off. */
export function graphqlRateLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    skip: () => perMinute === 0,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request, response) => {
      const { principal } = credentialsOf(response);
      return principal.kind === 'anonymous' ? `ip:${clientAddress(request)}` : principal.id;
    },
    handler: tooMany('requests'),
  });
}

/** Tracking API: `perMinute` calls a minute per write key (per address without one); 0 turns it off. */
export function trackingRateLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    skip: () => perMinute === 0,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request) => {
      const header = request.headers.authorization;
      if (header) return `key:${createHash('sha256').update(header).digest('hex').slice(0, 32)}`;
      return `ip:${clientAddress(request)}`;
    },
    handler: (_request, response) => {
      response.status(429).json({ error: { code: 'RATE_LIMITED', message: `Too many calls for this write key: retry after ${response.getHeader('retry-after') ?? 'a few'} seconds.` } });
    },
  });
}
