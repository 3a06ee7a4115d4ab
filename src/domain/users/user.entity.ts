import type { Email } from './email.value-object.js';
import type { Role } from './role.js';
import type { DomainEvent } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';

export interface UserProps {
  id: string;
  email: Email;
  passwordHash: string;
  role: Role;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Sessions (access and refresh tokens) started at or before this moment are over; null: none ended yet. */
  sessionsValidAfter: Date | null;
}

/** The one refusal for an email another user holds (compared case-insensitively), whoever notices it first. */
export const emailTaken = (): DomainError =>
  new DomainError('user.email_taken', 'a user with this email already exists', [{ path: '/email', message: 'is already registered' }]);

export type UserRegistered = DomainEvent<'UserRegistered', { userId: string; email: string }>;
/** The owner learns of the change by email: if it was not them, their account was taken over. */
export type PasswordChanged = DomainEvent<'PasswordChanged', { userId: string; email: string; how: 'changed' | 'reset' }>;

/** A user account. Users are deactivated, never deleted. */
export class User {
  private events: DomainEvent[] = [];

  private constructor(private props: UserProps) {}

  static register(input: { id: string; email: Email; passwordHash: string; role: Role; now: Date }): User {
    const user = new User({ ...input, isActive: true, createdAt: input.now, updatedAt: input.now, sessionsValidAfter: null });
    user.events.push({
      type: 'UserRegistered',
      occurredAt: input.now,
      aggregateId: input.id,
      payload: { userId: input.id, email: input.email.value },
    } satisfies UserRegistered);
    return user;
  }

  static restore(props: UserProps): User {
    return new User({ ...props });
  }

  get id(): string { return this.props.id; }
  get email(): Email { return this.props.email; }
  get passwordHash(): string { return this.props.passwordHash; }
  get role(): Role { return this.props.role; }
  get isActive(): boolean { return this.props.isActive; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }
  get sessionsValidAfter(): Date | null { return this.props.sessionsValidAfter; }

  /**
   * Whether a session started at `startedAt` is still this user's: the account is active and
   * no password change, reset or deactivation happened since. Tokens carry whole seconds, so
   * a token stamped with the second of the change is refused too (never one from before it).
   */
  acceptsSessionStartedAt(startedAt: Date): boolean {
    if (!this.props.isActive) return false;
    const after = this.props.sessionsValidAfter;
    return after === null || startedAt.getTime() > after.getTime();
  }

  changeEmail(email: Email, now: Date): void {
    this.assertActive();
    this.props = { ...this.props, email, updatedAt: now };
  }

  /** Idempotent: deactivating an inactive user changes nothing. Ends every session. */
  deactivate(now: Date): void {
    if (!this.props.isActive) return;
    this.props = { ...this.props, isActive: false, updatedAt: now, sessionsValidAfter: now };
  }

  /** Idempotent. Sessions ended by the deactivation stay ended: the user logs in again. */
  reactivate(now: Date): void {
    if (this.props.isActive) return;
    this.props = { ...this.props, isActive: true, updatedAt: now };
  }

  /** A new password hash (the policy was checked on the plain password); ends every session. */
  changePassword(passwordHash: string, now: Date, how: 'changed' | 'reset'): void {
    this.assertActive();
    this.props = { ...this.props, passwordHash, updatedAt: now, sessionsValidAfter: now };
    this.events.push({
      type: 'PasswordChanged',
      occurredAt: now,
      aggregateId: this.props.id,
      payload: { userId: this.props.id, email: this.props.email.value, how },
    } satisfies PasswordChanged);
  }

  pullEvents(): DomainEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private assertActive(): void {
    if (!this.props.isActive) throw new DomainError('user.inactive', 'the user is deactivated');
  }
}
