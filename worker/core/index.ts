// linli's pure core: vocabularies, sites, opening hours, the holiday calendar, geometry and
// CSV rules. No I/O (no D1, no HTTP, no DOM), so the worker and the web share it; the web
// reaches it only as `#core` (package.json "imports") (the lint rule refuses any other import of worker/).
export * from './calendar/beijing-time';
export * from './calendar/holiday-year';
export * from './calendar/holidays';
export * from './calendar/lunisolar';
export * from './calendar/statutory-holidays';
export * from './csv/columns';
export * from './csv/decode';
export * from './csv/formula';
export * from './csv/problems';
export * from './csv/row-changes';
export * from './csv/row-values';
export * from './csv/rows';
export * from './csv/site-csv';
export * from './data-licence';
export * from './geo/cell';
export * from './geo/cover';
export * from './geo/data-tiles';
export * from './geo/density';
export * from './geo/distance';
export * from './geo/leaves';
export * from './geo/plan';
export * from './hours/hours-input';
export * from './hours/hours-phrasing';
export * from './hours/opening-hours-reading';
export * from './hours/opening-hours-syntax';
export * from './hours/opening-hours-warnings';
export * from './hours/opening-hours';
export * from './invalid-param';
export * from './open-state';
export * from './site-input';
export * from './site';
export * from './text-rules';
export * from './vocabulary';
export * from './security-policy';
export * from './geo/coordinates';
