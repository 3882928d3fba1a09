// createServer(): the HTTP app (GraphQL, health, console), without listening.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Services } from './services.js';
import { buildSpineSchema } from './graphql/schema.js';
import { createErrorFormatter } from './graphql/errors.js';
import { createLoaders, type Context } from './graphql/context.js';
import { queryCounter, type QueryCount } from './database/query-counter.js';
import { createTrackingRouter } from './http/tracking.router.js';
import { authenticate, credentialsOf } from './http/authenticate.middleware.js';
import { graphqlRateLimit, trackingRateLimit } from './http/rate-limit.js';

export interface SpineServer {
  app: Express;
  stop(): Promise<void>;
}

export const SQL_STATEMENTS_HEADER = 'x-spine-sql-statements';

export async function createServer(deps: { config: Config; db: DataSource; logger: Logger; services: Services }): Promise<SpineServer> {
  const { config, db, logger, services } = deps;
  const schema = await buildSpineSchema();
  const production = config.nodeEnv === 'production';
  // Hostile queries (deep nesting, alias floods, huge documents) are refused while the query is
  // validated, before any resolver (or SQL) runs. Limits leave room for the console's queries.
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 50 },
    // The token limit fails during parsing, which Apollo answers with a 500: the body size limit
    // and the alias, depth and cost limits cover the same ground with a 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    costLimit: { maxCost: 20000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: createErrorFormatter(logger),
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<Context>[]),
      ApolloServerPluginLandingPageDisabled(),
      {
        // Statements per request, for tests and for people profiling their queries (not in production).
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              const count = queryCounter.getStore();
              if (count && !production) response.http.headers.set(SQL_STATEMENTS_HEADER, String(count.statements));
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_request, response) => {
    try {
      await db.query('SELECT 1');
      const pending = await db.showMigrations();
      if (pending) {
        response.status(503).json({ status: 'migrating' });
        return;
      }
      response.json({ status: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'health check failed');
      response.status(503).json({ status: 'unavailable' });
    }
  });

  app.use(
    '/graphql',
    // Frontend clients on other origins call with an API key in the Authorization header; cookies
    // (staff sessions) are never accepted cross-origin.
    cors({ origin: config.auth.corsOrigins, credentials: false, allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight'], maxAge: 600 }),
    authenticate(db, services.auth),
    graphqlRateLimit(config.auth.rateLimitPerMinute),
    (_request, _response, next) => queryCounter.run({ statements: 0 } satisfies QueryCount, next),
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { principal, sessionToken } = credentialsOf(res);
        return { db, config, logger, services, loaders: createLoaders(db, config), principal, actor: principal.actor, sessionToken, http: { request: req, response: res } };
      },
    }),
  );

  // Segment-compatible tracking API (docs/ingestion.md); its write keys are checked by the router.
  app.use('/v1', trackingRateLimit(config.auth.trackingRateLimitPerMinute), createTrackingRouter({ db, logger, services }));

  const indexFile = path.join(config.consoleDir, 'index.html');
  if (fs.existsSync(indexFile)) {
    app.use(express.static(config.consoleDir, { index: false, maxAge: '1h' }));
    // Client-side routes: any other GET that wants HTML gets the console's index.html.
    app.get(/^(?!\/(graphql|healthz|v1)(\/|$)).*/, (request, response, next) => {
      if (!request.accepts('html')) return next();
      response.sendFile(indexFile);
    });
  } else {
    app.get('/', (_request, response) => {
      response.type('text').send('Spine API is running. The console is not built: run `npm run build` at the repository root. GraphQL: POST /graphql');
    });
  }

  app.use((request, response) => {
    response.status(404).json({ error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.path}` } });
  });
  app.use((error: Error & { status?: number; type?: string }, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'unhandled HTTP error');
    const message = status === 413 ? 'Request body too large' : status === 400 ? 'Malformed request body (invalid JSON?)' : status < 500 ? error.message : 'Internal server error';
    response.status(status).json({ error: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', message } });
  });

  return {
    app,
    stop: async () => {
      await apollo.stop();
    },
  };
}
