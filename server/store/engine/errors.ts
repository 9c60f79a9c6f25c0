// Errors the store raises in terms the domain understands, whichever engine produced them.

/** The database cannot be reached now (PostgreSQL down, connection lost): answered with 503. */
export class StoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

type CodedError = { code?: unknown };
const codeOf = (error: unknown) =>
  typeof error === 'object' && error !== null ? (error as CodedError).code : undefined;

/** A unique or primary-key constraint refused the row (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** A CHECK or NOT NULL constraint refused the row. */
export function isCheckViolation(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === '23514' ||
    code === '23502' ||
    code === 'SQLITE_CONSTRAINT_CHECK' ||
    code === 'SQLITE_CONSTRAINT_NOTNULL'
  );
}
