// Whether the database answers, with linli's schema: a table of the schema, not `SELECT 1`,
// as a database without linli's tables is not up either. Throws when it does not answer.
export async function checkDatabase(d1: D1Database): Promise<void> {
  await d1.prepare('SELECT 1 FROM streets LIMIT 1').first();
}
