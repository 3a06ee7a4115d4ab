import type { FastifyInstance } from 'fastify';

/**
 * The requests this server is serving right now, counted by two HTTP hooks. /metrics reports
 * the count, and the composition root hands the counter to whatever must yield under load
 * (the outbox dispatcher) as its load signal: `busy()` is the only thing such a reader sees.
 */
export class InFlightRequests {
  private current = 0;

  /** @param busyAt how many requests in flight count as a saturated server. */
  constructor(private readonly busyAt: number) {}

  get count(): number {
    return this.current;
  }

  busy(): boolean {
    return this.current >= this.busyAt;
  }

  /** Counts every request, matched or not, from its arrival to its response (or abort). */
  track(app: FastifyInstance): void {
    // Callback-style hook: no promise per request. The response's 'close' fires exactly once, when
    // it was sent or when the client went away first (Fastify runs no onResponse for an aborted request).
    app.addHook('onRequest', (_request, reply, done) => {
      this.current += 1;
      reply.raw.once('close', () => {
        this.current -= 1;
      });
      done();
    });
  }
}
