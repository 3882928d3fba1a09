import { openRuntime } from '../runtime.js';
import { seedDemoIfEmpty } from '../database/demo-seed.js';

export async function seedDemo(options: { force?: boolean }): Promise<void> {
  const runtime = await openRuntime();
  try {
    await seedDemoIfEmpty(runtime, { force: options.force });
  } finally {
    await runtime.close();
  }
}
