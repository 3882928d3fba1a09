import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialBundleFiles } from './initialBundleFiles';

const consoleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(consoleDir, 'dist');
const BUDGET_BYTES = 300 * 1024;

describe('console bundle', () => {
  beforeAll(async () => {
    // `npm test` builds first (turbo); build here only when the test runs on its own.
    if (!existsSync(join(distDir, '.vite', 'manifest.json'))) {
      await build({ root: consoleDir, configFile: join(consoleDir, 'vite.config.ts'), logLevel: 'warn' });
    }
  });

  it('keeps the initial JS under 300 KB gzipped', () => {
    const files = initialBundleFiles(distDir);
    const sizes = files.map((file) => ({ file, gzip: gzipSync(readFileSync(join(distDir, file))).length }));
    const total = sizes.reduce((sum, entry) => sum + entry.gzip, 0);
    console.info(
      `initial JS: ${(total / 1024).toFixed(1)} KB gzipped (${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join(', ')})`,
    );
    expect(total).toBeLessThan(BUDGET_BYTES);
  });

  it('loads pages lazily, outside the initial JS', () => {
    const initial = initialBundleFiles(distDir).join(' ');
    expect(initial).not.toMatch(/PersonPage|PersonsPage|SegmentsPage|SegmentBuilderPage|ExplorerPage|monaco|graphiql/i);
  });
});
