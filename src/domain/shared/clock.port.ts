/** Time is a port so tests can fix it and rules that depend on it stay deterministic. */
export interface Clock {
  now(): Date;
}
