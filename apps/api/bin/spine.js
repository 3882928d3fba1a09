#!/usr/bin/env node
// The `spine` command: runs the compiled CLI (npm run build first; `npm start` does it for you).
import('../dist/cli/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('spine: the API is not built yet. Run `npm run build` at the repository root first.');
    process.exit(1);
  }
  throw error;
});
