// All seed sites: the real ones reported in the news, then clearly labelled samples.
import { REAL_SITES } from './real-sites';
import { SAMPLE_SITES } from './sample-sites';
import type { SiteSeed } from './site-seed';

export const SEED_SITES: readonly SiteSeed[] = [...REAL_SITES, ...SAMPLE_SITES];
