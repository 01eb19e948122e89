import { RequestValidationException } from '../problem-details';
import { RejectNulCharactersPipe } from '../nul-characters';

const pipe = new RejectNulCharactersPipe();
const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestValidationException) return error.problems;
    throw error;
  }
  return [];
};

describe('a NUL character in a request (Postgres cannot store it)', () => {
  it('is a 400 naming the body field, however deep', () => {
    const body = { reviewerId: 'ok', plan: { issues: ['fine', 'bad\u0000'] } };
    expect(problemsOf(() => pipe.transform(body, { type: 'body' }))).toEqual([
      { field: 'plan.issues[1]', reason: 'must not contain a NUL character' },
    ]);
  });

  it('names the path or query parameter', () => {
    expect(problemsOf(() => pipe.transform('HPFT\u0000', { type: 'param', data: 'reference' }))).toEqual([
      { field: 'reference', reason: 'must not contain a NUL character' },
    ]);
    expect(problemsOf(() => pipe.transform({ stage: '\u0000' }, { type: 'query' }))).toEqual([
      { field: 'stage', reason: 'must not contain a NUL character' },
    ]);
  });

  it('passes everything else through unchanged', () => {
    const body = { name: 'Zoë O’Brien', note: 'line\nbreak', count: 3, none: null };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });
});
