import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  PLAN_RESPONSE_METHODS,
  type InvestigationPlanContent,
  type PlanResponseMethod,
} from '@complaints/domain';
import { AgreedPlanDto, PlanSummaryDto } from '../../case-file/process-state.dto';
import { ISO_DATE } from '../../case-file/iso-date';

/** R-INV-2: the plan agreed with the person at the start of the closer look. */
export class AgreePlanDto {
  @ApiProperty({
    type: [String],
    description: "The key issues (ids of the complaint's issues) the response will answer",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  keyIssueIds!: string[];

  @ApiProperty({ description: 'How the person says they were affected', example: 'Missed two days of work' })
  @IsString()
  @Length(1, 5000)
  howAffected!: string;

  @ApiProperty({ description: 'The outcomes the person seeks', example: 'An apology and an explanation' })
  @IsString()
  @Length(1, 5000)
  outcomesSought!: string;

  @ApiProperty({
    type: [String],
    description: 'The evidence that will be looked at',
    example: ['Ward records'],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  evidence!: string[];

  @ApiProperty({ type: [String], description: 'Who will be spoken to', example: ['The ward manager'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  peopleToSpeakTo!: string[];

  @ApiProperty({ description: 'Staff id of who will respond', example: 'hpft-handler' })
  @IsString()
  @Length(1, 64)
  respondentId!: string;

  @ApiProperty({ enum: PLAN_RESPONSE_METHODS, description: 'How the response will be given' })
  @IsIn(PLAN_RESPONSE_METHODS)
  responseMethod!: PlanResponseMethod;

  @ApiProperty({ description: 'Advocacy was signposted (R-INV-2: early)' })
  @IsBoolean()
  advocacySignposted!: boolean;

  @ApiPropertyOptional({
    example: '2027-01-29',
    description:
      "The final-response date agreed with the person (R-INV-4). Required where the profile agrees it per case (PHSO model); otherwise absent keeps the profile's timescale.",
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'agreedDue must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'agreedDue must be a real calendar date' })
  agreedDue?: string;
}

/** A saved version of the plan, with its words and the summary the workflow is told. */
export class PlanDto {
  @ApiProperty({ example: 1, description: 'Versions count 1, 2, 3…; a saved version never changes' })
  version!: number;
  @ApiProperty({ example: 'hpft-handler', description: 'Staff id of who saved it' }) savedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) savedAt!: Date;
  @ApiProperty({ type: Object, description: 'R-INV-2: the plan as saved (the fields of the request)' })
  content!: InvestigationPlanContent;
  @ApiProperty({ type: PlanSummaryDto }) summary!: PlanSummaryDto;
}

export class PlanAgreedDto extends PlanDto {
  @ApiProperty({ type: AgreedPlanDto, description: 'The plan as the workflow recorded it agreed' })
  agreed!: AgreedPlanDto;
}
