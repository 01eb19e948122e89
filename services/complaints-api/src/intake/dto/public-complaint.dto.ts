import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { CreateComplaintDto } from './create-complaint.dto';

/**
 * A complaint from the public web form (R-INT-1): everything staff intake takes except the channel, which
 * is `web-form`, and the date of receipt, which is the London date the API receives it.
 */
export class PublicComplaintDto extends OmitType(CreateComplaintDto, ['channel', 'receivedOn'] as const) {
  @ApiPropertyOptional({
    description:
      'R-MON-1: the optional equality answers, stored apart from the case (as PUT …/equality-monitoring)',
  })
  @IsOptional()
  @IsObject()
  equality?: Record<string, unknown>;
}
