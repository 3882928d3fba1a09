// Secrets of this installation (instance_secret), created on first use: keys for the keyed hashes
// that let Spine recognise a personal value later without keeping it (erasure suppression, the
// audit log's searches).
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { rows, type Db } from './sql.js';

export class InstanceSecret {
  private key: Buffer | undefined;

  constructor(private readonly name: string) {}

  /** Created once and committed on its own connection, never inside a caller's transaction that may roll back. */
  async get(db: Db): Promise<Buffer> {
    if (this.key) return this.key;
    const dataSource = db instanceof DataSource ? db : (db as EntityManager).connection;
    await dataSource.query('INSERT INTO instance_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [this.name, randomBytes(32).toString('hex')]);
    const [row] = await rows<{ value: string }>(dataSource, 'SELECT value FROM instance_secret WHERE name = $1', [this.name]);
    this.key = Buffer.from(row.value, 'hex');
    return this.key;
  }

  /** HMAC-SHA256 (hex) of texts with this secret: the secret is read once for all of them. */
  async hasher(db: Db): Promise<(text: string) => string> {
    const key = await this.get(db);
    return (text) => createHmac('sha256', key).update(text).digest('hex');
  }
}
