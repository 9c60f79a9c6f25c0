import { build } from 'vite';

/**
 * Browser tests drive the production build, served by the real server. Vitest sets
 * NODE_ENV=test, which would make Vite pick Lit's development build; build as production.
 */
export default async function setup(): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = before;
  }
}
