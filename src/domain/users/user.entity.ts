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
}

/** The one refusal for an email another user holds (compared case-insensitively), whoever notices it first. */
export const emailTaken = (): DomainError =>
  new DomainError('user.email_taken', 'a user with this email already exists', [{ path: '/email', message: 'is already registered' }]);

export type UserRegistered = DomainEvent<'UserRegistered', { userId: string; email: string }>;

/** A user account. Users are deactivated, never deleted. */
export class User {
  private events: DomainEvent[] = [];

  private constructor(private props: UserProps) {}

  static register(input: { id: string; email: Email; passwordHash: string; role: Role; now: Date }): User {
    const user = new User({ ...input, isActive: true, createdAt: input.now, updatedAt: input.now });
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

  changeEmail(email: Email, now: Date): void {
    this.assertActive();
    this.props = { ...this.props, email, updatedAt: now };
  }

  /** Idempotent: deactivating an inactive user changes nothing. */
  deactivate(now: Date): void {
    if (!this.props.isActive) return;
    this.props = { ...this.props, isActive: false, updatedAt: now };
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
