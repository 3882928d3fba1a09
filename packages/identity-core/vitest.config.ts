import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property-based tests run hundreds of cases; on a loaded CI machine 5 s is not enough.
    testTimeout: 30_000,
  },
});
