import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The e2e test boots the API (embedded PostgreSQL) and a browser; the bundle test may build.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Both tests use dist/: never rebuild it while the API is serving it.
    fileParallelism: false,
  },
});
