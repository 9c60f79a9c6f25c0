/**
 * What the ingest load sends (built inside the load generator's process, see load-generator.ts).
 * Each connection is one signed-in person (connections are dealt out over the accounts in
 * turn); every request carries the next prepared submission, so bodies, regions, topics and
 * request types vary from request to request.
 */
import type { Scenario } from './load-generator.ts';

export type IngestPayload = {
  path: string;
  /** `hy_session=<token>`, one per account. */
  cookies: string[];
  /** Ready JSON request bodies. */
  bodies: string[];
};

const ingestScenario: Scenario<IngestPayload> = ({ path, cookies, bodies }) => {
  const buffers = bodies.map((b) => Buffer.from(b, 'utf8'));
  let nextBody = 0;
  let nextClient = 0;
  return {
    setupClient(client) {
      const cookie = cookies[nextClient++ % cookies.length]!;
      client.setRequests([
        {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', cookie },
          setupRequest(request) {
            request.body = buffers[nextBody++ % buffers.length]!;
            return request;
          },
        },
      ]);
    },
  };
};

export default ingestScenario;
