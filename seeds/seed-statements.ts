// The statements of the README's seed step, in the order they must run: streets upserted, the
// seed sites (when the database holds none yet), then the demo editor of `.dev.vars` (`devVars()`),
// whose street must exist.
import { demoEditorStatements } from './demo-accounts';
import { siteStatements, streetStatements } from './seed-sql';
import { SEED_SITES } from './sites';
import { STREETS } from './streets';

export async function seedStatements({
  withSites,
  vars,
}: {
  withSites: boolean;
  vars: Record<string, string>;
}): Promise<string[]> {
  return [
    ...streetStatements(STREETS),
    ...(withSites ? siteStatements(SEED_SITES) : []),
    ...(await demoEditorStatements(vars)),
  ];
}
