// The statements of the README's seed step, in the order they must run: streets upserted, the
// seed sites (when the database holds none yet), then the demo editor, whose street must exist.
import { demoEditorStatements, devVars } from './demo-accounts';
import { siteStatements, streetStatements } from './seed-sql';
import { SEED_SITES } from './sites';
import { STREETS } from './streets';

export async function seedStatements({ withSites }: { withSites: boolean }): Promise<string[]> {
  return [
    ...streetStatements(STREETS),
    ...(withSites ? siteStatements(SEED_SITES) : []),
    ...(await demoEditorStatements(devVars())),
  ];
}
