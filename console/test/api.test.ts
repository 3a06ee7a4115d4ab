// How the console reads a problem: the message for a field comes from `errors[].path`.
import { describe, expect, it } from 'vitest';
import { asProblem, fieldMessage, type Problem } from '../src/api';
import { sample } from '../src/metrics';

const problem: Problem = {
  type: 'about:blank',
  title: 'Unprocessable',
  status: 422,
  detail: 'Invalid request',
  errors: [
    { path: '/price/amount', message: 'at most 2 decimals for USD' },
    { path: 'currency', message: 'unknown currency' },
  ],
};

describe('fieldMessage', () => {
  it('finds a body field by its JSON pointer and a query parameter by its name', () => {
    expect(fieldMessage(problem, 'price/amount')).toBe('at most 2 decimals for USD');
    expect(fieldMessage(problem, '/price/amount')).toBe('at most 2 decimals for USD');
    expect(fieldMessage(problem, 'currency')).toBe('unknown currency');
  });
  it('gives a parent field the message of what is inside it, and nothing for another field', () => {
    expect(fieldMessage(problem, 'price')).toBe('at most 2 decimals for USD');
    expect(fieldMessage(problem, 'name')).toBeUndefined();
    expect(fieldMessage(null, 'name')).toBeUndefined();
  });
});

describe('asProblem', () => {
  it('keeps an API problem and turns anything else into one', () => {
    expect(asProblem(problem)).toBe(problem);
    expect(asProblem(new TypeError('Failed to fetch'))).toMatchObject({ status: 0, detail: 'Failed to fetch' });
  });
});

describe('the outbox counts from /metrics', () => {
  const text = ['# HELP outbox_rows Outbox rows by status', '# TYPE outbox_rows gauge', 'outbox_rows{status="pending"} 3', 'outbox_rows{status="dead"} 0', ''].join('\n');
  it('reads a sample by its name and labels', () => {
    expect(sample(text, 'outbox_rows{status="pending"}')).toBe(3);
    expect(sample(text, 'outbox_rows{status="dead"}')).toBe(0);
    expect(sample(text, 'outbox_rows{status="sent"}')).toBeUndefined();
  });
});
