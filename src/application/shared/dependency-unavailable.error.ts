/**
 * A port's adapter could not reach what it stands for (the database is down, unreachable or
 * shutting down): the request may succeed if retried later. The adapter keeps the driver's
 * error as `cause`, for the logs only.
 */
export class DependencyUnavailable extends Error {
  constructor(
    readonly dependency: string,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} is unavailable`, options);
    this.name = 'DependencyUnavailable';
  }
}
