import { Injectable, type PipeTransform } from '@nestjs/common';
import { periodNameProblem } from '@complaints/domain';
import { RequestValidationException } from '@complaints/service-kit';

/** A financial year by name in the path, e.g. `2026-27`; anything else is a 400 naming `year`. */
@Injectable()
export class YearParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const problem = periodNameProblem(value, 'financial-year');
    if (problem) throw new RequestValidationException([{ field: 'year', reason: problem }]);
    return value;
  }
}
