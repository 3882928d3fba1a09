// A short CLI command: open the runtime (database, services), do the work, always close it.
// Errors of the given user-facing kinds become plain messages (no stack trace) for the CLI to print.
import { openRuntime } from '../runtime.js';

export type CommandRuntime = Awaited<ReturnType<typeof openRuntime>>;

export async function withRuntime<T>(work: (runtime: CommandRuntime) => Promise<T>, userErrors: (abstract new (...args: never[]) => Error)[] = []): Promise<T> {
  const runtime = await openRuntime({ poolSize: 2 });
  try {
    return await work(runtime);
  } catch (error) {
    if (userErrors.some((kind) => error instanceof kind)) throw new Error((error as Error).message);
    throw error;
  } finally {
    await runtime.close();
  }
}
