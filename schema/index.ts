// The one barrel drizzle-kit and the server import; tables are split by domain.
export * from './organisations.ts';
export * from './accounts.ts';
export * from './campaigns.ts';
export * from './submissions.ts';
export * from './handling.ts';
export * from './notifications.ts';
export * from './sensemaking.ts';
export * from './adoption.ts';
export * from './trust.ts';
export * from './figures.ts';
export * from './upgrades.ts';
