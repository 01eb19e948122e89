import { Injectable, type PipeTransform } from '@nestjs/common';
import { periodNameProblem } from '@complaints/domain';
import { RequestValidationException } from '@complaints/service-kit';

/** A financial quarter by name in the path, e.g. `2026-27-Q2`; anything else is a 400 naming `quarter`. */
@Injectable()
export class QuarterParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const problem = periodNameProblem(value, 'financial-quarter');
    if (problem) throw new RequestValidationException([{ field: 'quarter', reason: problem }]);
    return value;
  }
}
