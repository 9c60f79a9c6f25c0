// The load generator's own process (see load-generator.ts): receives one LoadSpec over IPC,
// runs it, sends the result back and exits.
import { runLoadHere, type LoadSpec } from './load-generator.ts';

process.once('message', (spec: LoadSpec) => {
  runLoadHere(spec, () => process.send!({ started: true })).then(
    (value) => process.send!({ ok: true, value }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ ok: false, value: String((error as Error)?.stack ?? error) }, () =>
        process.exit(1),
      ),
  );
});
