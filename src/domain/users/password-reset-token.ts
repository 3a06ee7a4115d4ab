/** Reset tokens are valid this long: long enough to read an email, short enough to age out of a mailbox. */
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export interface PasswordResetTokenProps {
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when used, or when a newer request or a password change made it void. */
  usedAt: Date | null;
}

/** A single-use password reset token, stored hashed. */
export class PasswordResetToken {
  private constructor(readonly props: Readonly<PasswordResetTokenProps>) {}

  static issue(input: { tokenHash: string; userId: string; now: Date }): PasswordResetToken {
    return new PasswordResetToken({
      tokenHash: input.tokenHash,
      userId: input.userId,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + RESET_TOKEN_TTL_MS),
      usedAt: null,
    });
  }

  static restore(props: PasswordResetTokenProps): PasswordResetToken {
    return new PasswordResetToken({ ...props });
  }

  get tokenHash(): string { return this.props.tokenHash; }
  get userId(): string { return this.props.userId; }

  isUsable(now: Date): boolean {
    return this.props.usedAt === null && now.getTime() < this.props.expiresAt.getTime();
  }
}

/**
 * A reset was asked for this address, which may belong to no account. The request
 * only records this (the same write whoever asks); the token is made when the email
 * is sent, so the raw token never rests in the outbox.
 */
export type PasswordResetRequested = { type: 'PasswordResetRequested'; occurredAt: Date; aggregateId: string; payload: { email: string } };
