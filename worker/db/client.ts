import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

/** A drizzle handle on a D1 database (or a read-replica session of it). */
export function database(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database, { schema });
}
export type Database = ReturnType<typeof database>;
