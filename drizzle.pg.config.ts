import { defineConfig } from 'drizzle-kit';

// PostgreSQL's migrations, from the same tables as SQLite's (schema/pg/ converts them).
export default defineConfig({
  dialect: 'postgresql',
  schema: './schema/pg/index.ts',
  out: './schema/migrations-pg',
});
