// The store's errors, for code outside it (the engine stays private to server/store/).
export { StoreUnavailable, isUniqueViolation, isCheckViolation } from './engine/errors.ts';
export { MigrationError } from './engine/migrations.ts';
export { PostgresUnreachable } from './engine/postgres/open-postgres.ts';
