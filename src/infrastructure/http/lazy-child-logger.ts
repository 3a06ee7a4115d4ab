import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogArgs = Parameters<FastifyBaseLogger['info']>;

/**
 * The request logger (`request.log`, bound to the request id), created only when a request
 * logs something. Fastify makes a pino child per request; with LOG_LEVEL=warn almost none
 * ever writes a line, yet building the child (serialising its bindings) cost a few µs of
 * every request (profiling). A line that is written goes through exactly the child pino
 * would have made, so log output is unchanged.
 */
class LazyChildLogger implements FastifyBaseLogger {
  private real: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger & { isLevelEnabled?(level: string): boolean },
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  private get instance(): FastifyBaseLogger {
    return (this.real ??= this.parent.child(this.bindings, this.options));
  }

  private log(level: Level, args: LogArgs): void {
    if (this.real === undefined && this.parent.isLevelEnabled?.(level) === false) return;
    const child = this.instance;
    (child[level] as (...a: LogArgs) => void).apply(child, args);
  }

  get level(): string {
    return this.real?.level ?? this.parent.level;
  }
  set level(level: string) {
    this.instance.level = level;
  }

  fatal(...args: LogArgs): void {
    this.log('fatal', args);
  }
  error(...args: LogArgs): void {
    this.log('error', args);
  }
  warn(...args: LogArgs): void {
    this.log('warn', args);
  }
  info(...args: LogArgs): void {
    this.log('info', args);
  }
  debug(...args: LogArgs): void {
    this.log('debug', args);
  }
  trace(...args: LogArgs): void {
    this.log('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.instance.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: lazy unless the route sets its own level (then pino decides at once). */
export const lazyChildLoggerFactory = (logger: FastifyBaseLogger, bindings: Bindings, options: ChildOptions): FastifyBaseLogger =>
  options.level !== undefined ? logger.child(bindings, options) : new LazyChildLogger(logger, bindings, options);
