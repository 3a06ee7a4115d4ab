/**
 * The client's input holds text the store cannot keep (PostgreSQL refuses the NUL character):
 * the request's fault, not the service's. The adapter keeps the driver's error as `cause`.
 */
export class UnstorableInput extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the input contains characters that cannot be stored', options);
    this.name = 'UnstorableInput';
  }
}
