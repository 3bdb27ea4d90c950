// Every table of linli's D1 database; drizzle-kit reads this to generate drizzle/.

export * from './accounts';
export * from './changes';
export * from './holidays';
export * from './reports';
export * from './sites';
