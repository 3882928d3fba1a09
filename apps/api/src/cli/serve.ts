import http from 'node:http';
import { createServer } from '../server.js';
import { openRuntime } from '../runtime.js';
import { loadConfig } from '../config.js';
import { seedDemoIfEmpty } from '../database/demo-seed.js';
import { seedDemoStaff } from '../database/demo-staff.js';
import { startLifetimeValueRecompute } from '../jobs/lifetime-value-recompute.job.js';
import { startSegmentRefresh } from '../jobs/segment-refresh.job.js';
import type { IntervalJob } from '../jobs/interval-job.js';
import { startQueueFlush, type QueueFlush } from '../jobs/queue-flush.job.js';

/** How long requests in flight at shutdown get to finish before their connections are closed. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function serve(options: { demo: boolean; port?: number }): Promise<void> {
  const config = loadConfig(process.env, options.port !== undefined ? { port: options.port } : {});
  const runtime = await openRuntime({ config });
  const { logger } = runtime;
  let server: http.Server | undefined;
  let recompute: IntervalJob | undefined;
  let segmentRefresh: IntervalJob | undefined;
  let queueFlush: QueueFlush | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    if (server) {
      // close() stops accepting, ends idle keep-alive connections and waits for the requests in
      // flight; a client that stopped sending half-way would hold the shutdown for minutes.
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      const grace = setTimeout(() => server!.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
    }
    await Promise.all([recompute?.stop(), segmentRefresh?.stop(), queueFlush?.stop()]);
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    let demoSignIn: string | null = null;
    // A production database is never filled with made-up customers (`spine seed-demo` still can).
    if (options.demo && config.nodeEnv === 'production') logger.info('production mode: demo data not loaded');
    else if (options.demo) {
      await seedDemoIfEmpty(runtime);
      demoSignIn = await seedDemoStaff(runtime);
      runtime.services.demo.signInHint = demoSignIn;
    }
    // Nobody could sign in to the console: say how to create the first administrator.
    const [{ count: staffCount }] = (await runtime.db.query('SELECT count(*) AS count FROM staff_user WHERE disabled_at IS NULL')) as { count: string }[];
    if (Number(staffCount) === 0) {
      logger.warn(
        { command: 'spine users create EMAIL --role ADMIN', adminToken: config.adminToken ? 'set' : 'unset' },
        'no staff user can sign in yet: create the first administrator with `spine users create EMAIL --role ADMIN` (or call createStaffUser with SPINE_ADMIN_TOKEN)',
      );
    }
    const spine = await createServer(runtime);
    server = http.createServer(spine.app);
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.port, config.host, () => resolve());
    });
    queueFlush = startQueueFlush({ db: runtime.db, logger, segments: runtime.services.segments, intervalSeconds: config.queueFlushSeconds });
    recompute = startLifetimeValueRecompute({ db: runtime.db, logger, service: runtime.services.lifetimeValue, intervalMinutes: config.value.recomputeIntervalMinutes });
    segmentRefresh = startSegmentRefresh({ db: runtime.db, logger, service: runtime.services.segments, intervalMinutes: config.segments.refreshIntervalMinutes });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, console: `http://localhost:${port}/`, graphql: `http://localhost:${port}/graphql`, ...(demoSignIn ? { signIn: demoSignIn } : {}) }, 'Spine is ready');
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
