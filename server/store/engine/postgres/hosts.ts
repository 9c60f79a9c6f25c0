// A libpq-style multi-host URL, `postgres://user@h1:5432,h2:5432/huiyin?target_session_attrs=read-write`:
// node-postgres takes one host, so the pool is given a client class that connects to the host
// that last worked and, when that fails or (with read-write) answers as a read-only standby, moves
// on to the next one. After a failover promotes a standby, new connections find it: the app
// follows without a restart, as libpq's clients do. One host: nothing of this is used.
import pg from 'pg';

export type HostList = {
  /** One single-host URL per host, in the order given. */
  urls: string[];
  /** `target_session_attrs=read-write`: a connection to a read-only server is refused. */
  readWrite: boolean;
};

export function parseHosts(url: string): HostList {
  const m = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?#]*)(.*)$/.exec(url);
  if (!m || !m[3]!.includes(',')) return { urls: [url], readWrite: false };
  const [, scheme, auth = '', hostPart, rest = ''] = m;
  const [path, query = ''] = rest.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  const readWrite = params.get('target_session_attrs') === 'read-write';
  params.delete('target_session_attrs');
  const tail = params.size ? `${path}?${params}` : path;
  return {
    urls: hostPart!.split(',').map((host) => `${scheme}${auth}${host}${tail}`),
    readWrite,
  };
}

/** Which host new connections go to; moves on when one fails. */
export class HostSelector {
  private current = 0;

  get currentIndex(): number {
    return this.current;
  }

  constructor(readonly list: HostList) {}

  get url(): string {
    return this.list.urls[this.current]!;
  }

  /** The host at `index` failed: the next connection tries the one after it. */
  failed(index: number): void {
    if (index === this.current) this.current = (index + 1) % this.list.urls.length;
  }

  /** A pg.Client class whose connections go to the selected host. */
  clientClass(): typeof pg.Client {
    return failoverClient(this);
  }
}

function failoverClient(selector: HostSelector): typeof pg.Client {
  return class FailoverClient extends pg.Client {
    private readonly hostIndex: number;
    constructor(config?: string | pg.ClientConfig) {
      const index = selector.currentIndex;
      super({ ...(typeof config === 'object' ? config : {}), connectionString: selector.url });
      this.hostIndex = index;
    }
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null) => void): void;
    override connect(callback?: (err: Error | null) => void): Promise<pg.Client> | void {
      if (!callback)
        return super.connect().catch((error: unknown) => {
          selector.failed(this.hostIndex);
          throw error;
        });
      super.connect((err: Error | null) => {
        if (err) selector.failed(this.hostIndex);
        callback(err);
      });
    }
    /** Refuses a read-only server (a standby) when read-write was asked for. */
    async checkWritable(): Promise<void> {
      if (!selector.list.readWrite) return;
      const { rows } = await this.query<{ transaction_read_only: string }>(
        'show transaction_read_only',
      );
      if (rows[0]?.transaction_read_only === 'on') {
        selector.failed(this.hostIndex);
        throw Object.assign(new Error('read-only server (a standby); trying the next host'), {
          code: '25006',
        });
      }
    }
  };
}
