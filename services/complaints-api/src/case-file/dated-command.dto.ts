import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { londonDate } from '@complaints/domain';
import { ISO_DATE } from './iso-date';

/**
 * A command for something that happened on a day staff name (issue #12 point 10): a pause, a resumption, a
 * reopening, a stage-two request, recorded on the day it happened rather than the day it was keyed in.
 */
export class DatedCommandDto {
  @ApiPropertyOptional({
    description:
      'The London date it happened (YYYY-MM-DD); today if not given. Refused (409) after today, or before what it follows: the complaint’s receipt, the round’s start or the last pause (a pause), the pause (a resumption), the final response (a reopening or stage-two request).',
    format: 'date',
    // Today (when the service started), so the example in the API docs can be sent as it is.
    example: londonDate(new Date()),
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'on must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'on must be a real calendar date' })
  on?: string;
}
