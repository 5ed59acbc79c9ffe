// The load client, run in a process of its own (bench/load.ts forks it) so it never shares
// an event loop with the server it measures: autocannon with one spec, and, for paths
// where every request must differ (distinct booking slots, uncached slot windows), the
// sequence that makes request i. A body with "errors" counts as a mismatch: a GraphQL
// error is an HTTP 200 that must not pass as a served request.
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec, Sequence } from './load';

function variablesOf(sequence: Sequence, i: number): { variables: Record<string, unknown>; token?: string } {
  if (sequence.kind === 'booking') {
    const { serviceIds, tokens, firstStart, stepMs } = sequence;
    const startsAt = new Date(firstStart + Math.floor(i / serviceIds.length) * stepMs).toISOString();
    return { variables: { input: { serviceId: serviceIds[i % serviceIds.length], startsAt } }, token: tokens[i % tokens.length] };
  }
  const from = sequence.firstFrom + i * sequence.stepMs;
  return {
    variables: { s: sequence.serviceId, from: new Date(from).toISOString(), to: new Date(from + sequence.windowMs).toISOString() },
  };
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  let made = 0;
  const sequence = spec.sequence;
  const requests = sequence && [
    {
      setupRequest: (req: { headers?: Record<string, string>; body?: string }) => {
        const { variables, token } = variablesOf(sequence, sequence.from + made++);
        const headers = token ? { ...req.headers, authorization: `Bearer ${token}` } : req.headers;
        return { ...req, headers, body: JSON.stringify({ query: sequence.query, variables }) };
      },
    },
  ];
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    ...(requests && { requests }),
    verifyBody: (body) => !body.includes('"errors"'),
  });
  return {
    rps: Math.round(r.requests.total / r.duration),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    failed: r.non2xx + r.errors + r.timeouts + r.mismatches,
    made,
  };
}

process.once('message', (spec: LoadSpec) => {
  run(spec).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (err: Error) => process.send!({ error: err.stack ?? String(err) }, () => process.exit(1)),
  );
});
