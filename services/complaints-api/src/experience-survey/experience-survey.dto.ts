import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import {
  SURVEY_COMMENT_LIMIT,
  SURVEY_QUESTIONS,
  SURVEY_RESPONDENTS,
  type SuppressedCount,
  type SurveyRespondent,
} from '@complaints/domain';
import { ProgressTokenDto } from '../progress/progress.dto';

export class SurveyAnswersDto {
  @IsOptional() @IsIn(SURVEY_QUESTIONS.overall) overall?: (typeof SURVEY_QUESTIONS.overall)[number];
  @IsOptional()
  @IsIn(SURVEY_QUESTIONS.keptInformed)
  keptInformed?: (typeof SURVEY_QUESTIONS.keptInformed)[number];
  @IsOptional()
  @IsIn(SURVEY_QUESTIONS.handledFairly)
  handledFairly?: (typeof SURVEY_QUESTIONS.handledFairly)[number];
  @IsOptional()
  @IsIn(SURVEY_QUESTIONS.easyToTakePart)
  easyToTakePart?: (typeof SURVEY_QUESTIONS.easyToTakePart)[number];
}

/** What the public web service sends when the person answers: the link's secret and their answers. */
export class SurveyResponseDto extends ProgressTokenDto {
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyAnswersDto)
  answers!: SurveyAnswersDto;

  @IsOptional()
  @IsString()
  @MaxLength(SURVEY_COMMENT_LIMIT)
  comment?: string;
}

/** What the survey page needs to know of an open link: whose site, and who is answering. */
export interface SurveyInvitationView {
  organisation: string;
  respondent: SurveyRespondent;
}

export class SurveyRespondentReportDto {
  @ApiProperty({ enum: SURVEY_RESPONDENTS })
  respondent!: SurveyRespondent;

  @ApiProperty({ type: Number, nullable: true, description: 'Answers received; null when withheld' })
  responses!: SuppressedCount;

  @ApiProperty({
    description:
      'Per question (overall, keptInformed, handledFairly, easyToTakePart), the count of each answer; null = withheld',
    example: { overall: { satisfied: 6, 'very-satisfied': null, 'not-answered': null } },
  })
  questions!: Record<string, Record<string, SuppressedCount>>;

  @ApiProperty({
    type: [String],
    nullable: true,
    description:
      'The comments, in alphabetical order (so their order says nothing of when they came); null when fewer than `suppressedBelow` answers were received',
  })
  comments!: string[] | null;
}

export class ExperienceSurveyReportDto {
  @ApiProperty({ example: 'NCT' }) organisation!: string;
  @ApiProperty({ example: '2026-04-01' }) from!: string;
  @ApiProperty({ example: '2027-03-31' }) to!: string;
  @ApiProperty({ type: [String], example: ['2026-27-Q1', '2026-27-Q2', '2026-27-Q3', '2026-27-Q4'] })
  quarters!: string[];
  @ApiProperty({ example: 5, description: 'Counts from 1 to this number − 1 are withheld (ADR 0016)' })
  suppressedBelow!: number;
  @ApiProperty({ type: [SurveyRespondentReportDto] })
  respondents!: SurveyRespondentReportDto[];
}
