// Whether an error means "the database cannot be reached right now" (refused, reset,
// timed out, shutting down), as opposed to a bug: clients get SERVICE_UNAVAILABLE and a
// Retry-After instead of INTERNAL_SERVER_ERROR. Prisma and the pg driver nest the socket
// error a few levels deep, so the cause chain is walked.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
// SQLSTATE class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/;
// Prisma: can't reach server, timed out, closed the connection, pool timeout.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const MESSAGES = /Connection terminated|connect ECONNREFUSED|Can't reach database server|Connection refused|server closed the connection/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, originalCode, message } = e as { code?: unknown; originalCode?: unknown; message?: unknown };
    for (const c of [code, originalCode]) {
      if (typeof c === 'string' && (NETWORK_CODES.has(c) || SQLSTATES.test(c) || PRISMA_CODES.has(c))) return true;
    }
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
  }
  return false;
}
