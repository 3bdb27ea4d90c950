// Every table of linli's D1 database; drizzle-kit reads this to generate drizzle/.
export * from './sites';
export * from './accounts';
export * from './changes';
export * from './reports';
export * from './holidays';
