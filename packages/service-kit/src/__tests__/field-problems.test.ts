// Validation reports the real problem first: a missing field as missing, a wrong type before a limit.
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsString,
  Length,
  Matches,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { fieldProblems } from '../problem-details';

class Issue {
  @IsString()
  @Length(1, 20)
  description!: string;
}

class Body {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => Issue)
  issues!: Issue[];

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'receivedOn must be an ISO date (YYYY-MM-DD)' })
  receivedOn!: string;

  @IsDefined({ message: 'complainant is required unless the complaint is anonymous (R-INT-4)' })
  @IsString()
  complainant!: string;
}

const problemsOf = (plain: object) =>
  fieldProblems(validateSync(plainToInstance(Body, plain), { forbidUnknownValues: true }));

describe('fieldProblems', () => {
  it('reports a missing field once, as missing, with its own message where it has one', () => {
    expect(problemsOf({})).toEqual([
      { field: 'issues', reason: 'issues is required' },
      { field: 'receivedOn', reason: 'receivedOn is required' },
      { field: 'complainant', reason: 'complainant is required unless the complaint is anonymous (R-INT-4)' },
    ]);
  });

  it('reports a value of the wrong type before the limits it breaks', () => {
    const [first, ...rest] = problemsOf({ issues: 'none', receivedOn: '2026-12-01', complainant: 'A' });
    expect(first).toEqual({ field: 'issues', reason: 'issues must be an array' });
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((problem) => problem.field === 'issues')).toBe(true);
  });

  it('names nested fields by their path', () => {
    expect(problemsOf({ issues: [{ description: '' }], receivedOn: '2026-12-01', complainant: 'A' })).toEqual(
      [{ field: 'issues.0.description', reason: 'description must be longer than or equal to 1 characters' }],
    );
  });
});
