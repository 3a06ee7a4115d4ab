import { AsyncLocalStorage } from 'node:async_hooks';

/** Statements one piece of work (an HTTP request) sent to the database. */
export interface StatementTally {
  count: number;
}

/*
 * A debug aid (SQL_STATEMENT_COUNTER=1): the Kysely log hook counts every executed
 * statement (transaction control included) into the tally of the work that ran it.
 * Off by default — AsyncLocalStorage makes every promise a little dearer on Node 20,
 * so the storage is created only when counting is switched on.
 */
let tallies: AsyncLocalStorage<StatementTally> | undefined;

/** Runs `work` with `tally` current: statements it (and everything it awaits) executes are added to it. */
export const withStatementTally = <T>(tally: StatementTally, work: () => T): T => {
  tallies ??= new AsyncLocalStorage<StatementTally>();
  return tallies.run(tally, work);
};

/** Called for each executed statement (the database's log hook). Outside any tally (the outbox worker) it counts nothing. */
export const countStatement = (): void => {
  const tally = tallies?.getStore();
  if (tally) tally.count += 1;
};

/** Runs `work` outside any tally: background statements it starts (the outbox NOTIFY) are nobody's request's. */
export const outsideStatementTally = <T>(work: () => T): T => (tallies ? tallies.exit(work) : work());
