import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DISSATISFACTION_REASONS, type DissatisfactionReason } from '@complaints/domain';
import { DatedCommandDto } from '../case-file/dated-command.dto';

/** R-REOPEN-1 / R-STAGE2-1: the person is not satisfied with the response, on the day they said so. */
export class NotSatisfiedDto extends DatedCommandDto {
  @ApiProperty({
    description: 'Why the person is not satisfied with the response',
    enum: DISSATISFACTION_REASONS,
    example: 'issues-not-answered',
  })
  @IsIn(DISSATISFACTION_REASONS)
  reason!: DissatisfactionReason;
}
