// Opens the store on the engine the configuration names (for command-line tools and start-up),
// so code outside server/store/ never reaches into the engine.
import type { Config } from '../config.ts';
import { openDb, openReadReplica } from './engine/open-db.ts';
import { Store } from './store.ts';

export async function openStore(
  config: Pick<Config, 'HUIYIN_DB' | 'HUIYIN_DATABASE_URL' | 'HUIYIN_DATABASE_POOL'> &
    Partial<Pick<Config, 'HUIYIN_DATABASE_READ_URL' | 'HUIYIN_MIGRATE'>>,
): Promise<Store> {
  const store = new Store(await openDb(config));
  if (config.HUIYIN_DATABASE_READ_URL && config.HUIYIN_DATABASE_URL)
    store.useReplica(
      new Store(openReadReplica(config.HUIYIN_DATABASE_READ_URL, config.HUIYIN_DATABASE_POOL)),
    );
  return store;
}
