// Resolves the caller once per request: `Authorization: Bearer <token>` (admin token, session
// token or API key), else the console's session cookie, else anonymous. A bearer token that is not
// valid is refused with 401 at once rather than treated as anonymous, so a revoked key fails loudly.
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthService } from '../modules/access/auth.service.js';
import { anonymousPrincipal, type Principal } from '../modules/access/principal.js';
import { SESSION_COOKIE, sessionTokenFromCookie } from '../modules/access/session-cookie.js';

export interface RequestCredentials {
  principal: Principal;
  /** The session token in use, for sign-out. */
  sessionToken: string | null;
}

export function credentialsOf(response: Response): RequestCredentials {
  return (response.locals.credentials as RequestCredentials | undefined) ?? { principal: anonymousPrincipal, sessionToken: null };
}

function refuse(response: Response, message: string): void {
  response
    .status(401)
    .set('www-authenticate', 'Bearer')
    .json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

export function authenticate(db: DataSource, auth: AuthService) {
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
        if (!match) return refuse(response, 'Authorization must be `Bearer <token>`.');
        const principal = await auth.authenticate(db, match[1]!);
        if (!principal) return refuse(response, 'The token is not valid (unknown, revoked or expired).');
        response.locals.credentials = { principal, sessionToken: match[1]!.startsWith('sps_') ? match[1]! : null } satisfies RequestCredentials;
        return next();
      }
      const cookieToken = sessionTokenFromCookie(request.headers.cookie);
      if (cookieToken) {
        const principal = cookieToken.startsWith('sps_') ? await auth.authenticate(db, cookieToken) : null;
        // An expired cookie is not an attack: carry on as anonymous and drop it.
        if (!principal) response.clearCookie(SESSION_COOKIE, { path: '/' });
        response.locals.credentials = { principal: principal ?? anonymousPrincipal, sessionToken: principal ? cookieToken : null } satisfies RequestCredentials;
        return next();
      }
      response.locals.credentials = { principal: anonymousPrincipal, sessionToken: null } satisfies RequestCredentials;
      next();
    } catch (error) {
      next(error);
    }
  };
}
