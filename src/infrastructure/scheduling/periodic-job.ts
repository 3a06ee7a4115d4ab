export interface PeriodicJobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs `task` at start and then every `intervalMs` (the next run is scheduled when one ends, so
 * runs never overlap) until stopped. A failing run is logged and the next one comes as usual.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: PeriodicJobLogger,
  ) {}

  /** Starts the schedule (idempotent). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.runNow();
  }

  /** Stops the schedule; resolves once a run in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private runNow(): void {
    this.current = this.task()
      .then(
        (result) => this.logger.info({ job: this.name, result }, 'periodic job done'),
        (err: unknown) => this.logger.error({ job: this.name, err }, 'periodic job failed'),
      )
      .finally(() => {
        this.current = undefined;
        if (!this.stopped) this.timer = setTimeout(() => this.runNow(), this.intervalMs);
      });
  }
}
