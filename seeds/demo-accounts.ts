// LOCAL demo accounts: `.dev.vars` (made from `.dev.vars.example` when absent) names
// the first administrator (created by the worker on first login) and a demo editor
// for 劲松街道, whose account this module turns into SQL for the local D1.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { hashPassword } from '../worker/auth/password';
import { sqlLiteral } from './seed-sql';

export const DEMO_STREET = '110105017'; // 劲松街道

/** Reads `.dev.vars`, first copying the example if there is none. */
export function devVars(path = '.dev.vars', example = '.dev.vars.example'): Record<string, string> {
  if (!existsSync(path)) {
    copyFileSync(example, path);
    console.log(`Created ${path} from ${example} (local secrets; edit them there).`);
  }
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line);
    if (match) vars[match[1]!] = match[2]!;
  }
  return vars;
}

/** Idempotent SQL creating the demo editor (its password left alone once created). */
export async function demoEditorStatements(vars: Record<string, string>): Promise<string[]> {
  const username = vars.DEMO_EDITOR_USERNAME;
  const password = vars.DEMO_EDITOR_PASSWORD;
  if (!username || !password) return [];
  return [
    `INSERT INTO accounts (username, display_name, role, password_hash) VALUES (${sqlLiteral(username)}, '劲松街道（演示）', 'editor', ${sqlLiteral(await hashPassword(password))})
ON CONFLICT (username) DO NOTHING;`,
    `INSERT OR IGNORE INTO account_streets (username, street_code) VALUES (${sqlLiteral(username)}, ${sqlLiteral(DEMO_STREET)});`,
  ];
}
