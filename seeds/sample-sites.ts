// Deterministic sample sites for demos, labelled `source: sample`.
import type { SiteSeed } from './site-seed';

export const SAMPLE_SITES: readonly SiteSeed[] = [];
