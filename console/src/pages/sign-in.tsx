import { useState, type FormEvent } from 'react';
import type { Problem } from '../api';
import { session, signInRequest } from '../session';
import { FieldError, formValues, invalid, ProblemNote } from '../ui';

export const SignInPage = ({ notice, onSignedIn }: { notice?: string | undefined; onSignedIn: () => void }) => {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { email = '', password = '' } = formValues(event.currentTarget);
    setBusy(true);
    try {
      const { data, error } = await signInRequest(email, password);
      if (!data) return setProblem(error);
      session.keep(data);
      setProblem(null);
      onSignedIn();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="container">
      <article>
        <header>
          <h1>Orders admin</h1>
          <p>Sign in with an admin account.</p>
        </header>
        {notice ? <p role="status" className="notice">{notice}</p> : null}
        <form onSubmit={(e) => void submit(e)} aria-label="Sign in">
          <label>
            Email
            <input name="email" type="email" autoComplete="username" required {...invalid(problem, 'email', 'email-error')} />
          </label>
          <FieldError problem={problem} field="email" id="email-error" />
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" required {...invalid(problem, 'password', 'password-error')} />
          </label>
          <FieldError problem={problem} field="password" id="password-error" />
          {problem && !problem.errors?.length ? <ProblemNote error={problem} /> : null}
          <button type="submit" aria-busy={busy} disabled={busy}>
            Sign in
          </button>
        </form>
      </article>
    </main>
  );
};
