/**
 * A lean HTTP/1.1 load generator on plain TCP sockets. On a 2-core machine the load generator's
 * CPU is CPU the server does not get: autocannon spent ≈ 60 µs per request against a bare Hono
 * route (0.66 cores at 11,000 req/s) and ≈ 115 µs with the ingest scenario's per-request bodies.
 * This one writes ready-made request bytes and reads only the status line and the body's length:
 * ≈ 45 µs per request, most of it Node's own socket handling.
 *
 * Each connection keeps exactly one request in flight (no pipelining): a browser's behaviour.
 * The result has the shape of the autocannon fields the benchmarks read.
 */
import { connect, type Socket } from 'node:net';

export type RawLoadSpec = {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Seconds before an unanswered request counts as a timeout and its connection is replaced. */
  timeout?: number;
  method: string;
  path: string;
  /** Extra header lines per connection, dealt out in turn (e.g. one session cookie each). */
  headerSets: Record<string, string>[];
  /** Request bodies, sent in turn across all connections. */
  bodies: string[];
  /**
   * Requests per second across all connections, evenly spaced; omitted: as fast as the server
   * answers. A connection whose answer comes late sends its next request at once (it catches up).
   */
  rate?: number;
  /**
   * A JSON key (`ref`) whose first string value in each 201 answer's body is collected in
   * `collected`: what the server acknowledged, to look for in the database afterwards.
   */
  collect?: string;
};

export type RawLoadResult = {
  duration: number;
  requests: { total: number };
  latency: { p50: number; p97_5: number; p99: number; max: number; average: number };
  statusCodeStats?: Record<string, { count?: number }>;
  errors: number;
  timeouts: number;
  /** With `collect`: the value from every 201 answer, in the order answered. */
  collected?: string[];
};

const CRLF2 = Buffer.from('\r\n\r\n');

/** Index just past the end of one complete response in `buf`, or -1 while it is incomplete. */
function responseEnd(buf: Buffer): number {
  const head = buf.indexOf(CRLF2);
  if (head < 0) return -1;
  const headers = buf.toString('latin1', 0, head).toLowerCase();
  const lengthAt = headers.indexOf('\r\ncontent-length:');
  if (lengthAt >= 0) {
    const length = Number.parseInt(headers.slice(lengthAt + 17), 10);
    const end = head + 4 + length;
    return buf.length >= end ? end : -1;
  }
  if (headers.includes('\r\ntransfer-encoding: chunked')) {
    const last = buf.indexOf('\r\n0\r\n\r\n', head);
    if (last >= 0) return last + 7;
    return buf.indexOf('0\r\n\r\n', head + 4) === head + 4 ? head + 9 : -1;
  }
  return head + 4;
}

/** The string value of `"key":"…"` in an answer's body (JSON as the server writes it, no spaces). */
function valueOf(buf: Buffer, from: number, to: number, needle: Buffer): string | null {
  const at = buf.indexOf(needle, from);
  if (at < 0 || at >= to) return null;
  const start = at + needle.length;
  const end = buf.indexOf(34, start); // the closing quote: references hold no escapes
  return end < 0 || end > to ? null : buf.toString('utf8', start, end);
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function runRawLoad(spec: RawLoadSpec): Promise<RawLoadResult> {
  const { hostname, port } = new URL(spec.url);
  const bodies = spec.bodies.map((b) => Buffer.from(b, 'utf8'));
  const heads = spec.headerSets.map((set) =>
    Object.entries(set)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join(''),
  );
  const timeoutMs = (spec.timeout ?? 10) * 1000;
  let nextBody = 0;
  let latencies = new Float64Array(1 << 16);
  let answered = 0;
  let errors = 0;
  let timeouts = 0;
  const statuses: Record<string, { count: number }> = {};
  const collected: string[] = [];
  const needle = spec.collect ? Buffer.from(`"${spec.collect}":"`) : null;
  let stopping = false;
  const started = performance.now();
  const sockets = new Set<Socket>();

  const record = (ms: number) => {
    if (answered === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[answered++] = ms;
  };

  const open = (connection: number) => {
    if (stopping) return;
    const extra = heads[connection % heads.length] ?? '';
    const socket = connect({ host: hostname, port: Number(port), noDelay: true });
    sockets.add(socket);
    let pending: Buffer = Buffer.alloc(0);
    let sentAt = 0;
    let timer: NodeJS.Timeout | undefined;
    let sent = 0;
    // With a rate, this connection's k-th request is due at start + (k·connections + i) / rate.
    const dueAt = () =>
      spec.rate ? started + ((sent * spec.connections + connection) * 1000) / spec.rate : 0;
    const sendWhenDue = () => {
      const wait = dueAt() - performance.now();
      if (wait > 1) setTimeout(send, wait);
      else send();
    };
    const send = () => {
      if (stopping) return void socket.end();
      const body = bodies[nextBody++ % bodies.length]!;
      const head = `${spec.method} ${spec.path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n${extra}content-length: ${body.length}\r\n\r\n`;
      sentAt = performance.now();
      sent++;
      socket.cork();
      socket.write(head, 'latin1');
      socket.write(body);
      socket.uncork();
      timer = setTimeout(() => {
        timeouts++;
        socket.destroy();
      }, timeoutMs);
    };
    socket.on('connect', sendWhenDue);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const end = responseEnd(pending);
      if (end < 0) return;
      clearTimeout(timer);
      const status = pending.toString('latin1', 9, 12);
      (statuses[status] ??= { count: 0 }).count++;
      if (needle && status === '201') {
        const value = valueOf(pending, pending.indexOf(CRLF2), end, needle);
        if (value !== null) collected.push(value);
      }
      record(performance.now() - sentAt);
      pending = pending.subarray(end);
      sendWhenDue();
    });
    socket.on('error', () => {
      if (!stopping) errors++;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      sockets.delete(socket);
      if (!stopping) open(connection);
    });
  };

  for (let i = 0; i < spec.connections; i++) open(i);
  await new Promise((resolve) => setTimeout(resolve, spec.duration * 1000));
  stopping = true;
  const elapsed = (performance.now() - started) / 1000;
  for (const socket of sockets) socket.destroy();

  const sorted = latencies.slice(0, answered).sort();
  let sum = 0;
  for (const ms of sorted) sum += ms;
  return {
    duration: elapsed,
    requests: { total: answered },
    latency: {
      p50: percentile(sorted, 0.5),
      p97_5: percentile(sorted, 0.975),
      p99: percentile(sorted, 0.99),
      max: sorted.length ? sorted[sorted.length - 1]! : NaN,
      average: answered ? sum / answered : NaN,
    },
    statusCodeStats: statuses,
    errors,
    timeouts,
    ...(needle ? { collected } : {}),
  };
}
