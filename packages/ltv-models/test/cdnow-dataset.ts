import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '../src/index.js';

/** SPINE_CDNOW_PATH overrides the location of CDNOW_sample.txt (default: the repo's shared/ datasets). */
export const CDNOW_PATH = process.env.SPINE_CDNOW_PATH
  ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/cdnow/CDNOW_sample.txt');

/** Columns: customer_id, sample_id, date (YYYYMMDD), number_of_cds, dollar_value. */
export function loadCdnowTransactions(path = CDNOW_PATH): Transaction[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [customerId, , date, , value] = line.split(/\s+/);
      const at = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))));
      return { customerId, at, amount: Number(value) };
    });
}

export const CDNOW_CALIBRATION_END = new Date(Date.UTC(1997, 8, 30));
