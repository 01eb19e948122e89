import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { INVOLVED_HANDLER_REASONS, type InvolvedHandlerReason } from '@complaints/domain';

export class AllocateDto {
  @ApiProperty({
    description: 'R-INV-1: the staff user who will look into the complaint',
    example: 'hpft-handler',
  })
  @IsString()
  @Length(1, 64)
  handlerId!: string;

  @ApiProperty({
    type: [String],
    description:
      'Staff users named as involved in the events (may be empty). Each is told early, offered support and invited to respond (R-STAFF-1).',
    example: ['hpft-staff'],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  involvedStaffIds!: string[];

  @ApiPropertyOptional({
    enum: Object.keys(INVOLVED_HANDLER_REASONS),
    description:
      'Only when the handler is among the involved: why no one uninvolved can handle it. The person is told in writing (R-INV-1).',
  })
  @IsOptional()
  @IsIn(Object.keys(INVOLVED_HANDLER_REASONS))
  involvedHandlerReason?: InvolvedHandlerReason;
}

export class RequestClinicalViewDto {
  @ApiProperty({
    description: 'R-INV-3: a suitably qualified staff user not involved in the events (a staff id)',
    example: 'hpft-senior-manager',
  })
  @IsString()
  @Length(1, 64)
  reviewerId!: string;
}
