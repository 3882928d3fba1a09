import { InitialSchema1763770000000 } from './1763770000000-initial-schema.js';

/** Every migration, oldest first (TypeORM 1.x: pass classes, not globs). */
export const migrations = [InitialSchema1763770000000];
