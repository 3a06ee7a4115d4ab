import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The SQL statements one request executed. */
export interface StatementTally {
  count: number;
}

/** Counts statements into the tally current while they run; the database adapter implements it, the composition root wires it. */
export interface StatementTallies {
  /** Runs `work` with `tally` current: statements it (and everything it awaits) executes are added to it. */
  within<T>(tally: StatementTally, work: () => T): T;
}

const tallies = new WeakMap<FastifyRequest, StatementTally>();

/**
 * SQL_STATEMENT_COUNTER=1: every response carries `x-sql-statements`, the number of SQL
 * statements its request executed (transaction control and the auth lookup included), so
 * an N+1 shows up in a test or a curl. The request runs inside its tally from onRequest
 * on; body parsing happens outside it (stream events), so preValidation re-enters it.
 */
export const registerStatementCounterHeader = (app: FastifyInstance, statements: StatementTallies): void => {
  app.addHook('onRequest', (request, _reply, done) => {
    const tally: StatementTally = { count: 0 };
    tallies.set(request, tally);
    statements.within(tally, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const tally = tallies.get(request);
    if (tally) statements.within(tally, done);
    else done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const tally = tallies.get(request);
    if (tally) void reply.header('x-sql-statements', String(tally.count));
    done(null, payload);
  });
};
