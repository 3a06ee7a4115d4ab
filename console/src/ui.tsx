import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { asProblem, fieldMessage, type Problem } from './api';

export const Loading = ({ what }: { what: string }) => <p aria-busy="true">Loading {what}…</p>;

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

/** A problem as a sentence, with the request id when the server gave one (it is in the server log too). */
export const ProblemNote = ({ error }: { error: unknown }) => {
  if (!error) return null;
  const problem = asProblem(error);
  const fields = problem.errors?.length ? ` (${problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ')})` : '';
  return (
    <p role="alert" className="problem">
      <strong>{problem.title}</strong>: {problem.detail}
      {problem.status === 422 ? fields : ''}
      {problem.requestId ? <small> — request {problem.requestId}</small> : null}
    </p>
  );
};

/** The message next to a field, from the problem's `errors` array. */
export const FieldError = ({ problem, field, id }: { problem: Problem | null | undefined; field: string; id: string }) => {
  const message = fieldMessage(problem, field);
  return message ? (
    <small id={id} className="field-error" role="alert">
      {message}
    </small>
  ) : null;
};

/** Props that mark an input invalid and point it at its FieldError. */
export const invalid = (problem: Problem | null | undefined, field: string, id: string) =>
  fieldMessage(problem, field) ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};

/** Filters live in the query string, so every list view can be bookmarked and shared. */
export const useFilters = <K extends string>(keys: readonly K[]) => {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const set = (next: Partial<Record<K | 'cursor', string>>, keepCursor = false) => {
    const merged = new URLSearchParams(params);
    if (!keepCursor) merged.delete('cursor');
    for (const [k, v] of Object.entries(next) as [string, string | undefined][]) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged);
  };
  return { values, cursor: params.get('cursor') ?? undefined, set };
};

/** Cursor paging: "Next" carries the API's nextCursor in the URL; "First page" drops it. */
export const Pager = ({ nextCursor, cursor, onPage }: { nextCursor: string | null | undefined; cursor: string | undefined; onPage: (cursor: string) => void }) => (
  <nav aria-label="Pages" className="pager">
    <button type="button" className="secondary" disabled={cursor === undefined} onClick={() => onPage('')}>
      First page
    </button>
    <button type="button" disabled={!nextCursor} onClick={() => nextCursor && onPage(nextCursor)}>
      Next page
    </button>
  </nav>
);

/** A form's fields as strings (FormData → record). */
export const formValues = (form: HTMLFormElement): Record<string, string> =>
  Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
