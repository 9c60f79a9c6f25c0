import { build } from 'vite';

/** Browser tests drive the production build, served by the real server. */
export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
