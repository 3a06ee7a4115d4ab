import { Email } from '../../../src/domain/users/email.value-object.js';
import type { Role } from '../../../src/domain/users/role.js';
import { User } from '../../../src/domain/users/user.entity.js';

let seq = 0;

/** Object mother: `aUser().withEmail('a@b.co').admin().build()`. */
export const aUser = () => {
  const n = ++seq;
  const props = {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    email: `user${n}@example.com`,
    role: 'customer' as Role,
    passwordHash: '$argon2id$fake',
    now: new Date('2025-01-01T00:00:00.000Z'),
  };
  const builder = {
    withId: (id: string) => ((props.id = id), builder),
    withEmail: (email: string) => ((props.email = email), builder),
    admin: () => ((props.role = 'admin'), builder),
    build: () => {
      const user = User.register({ ...props, email: Email.parse(props.email) });
      user.pullEvents();
      return user;
    },
  };
  return builder;
};
