import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CARE_CONTEXTS,
  FINDING_OUTCOMES,
  REMEDY_KINDS,
  WRITTEN_SECTIONS,
  type CareContext,
  type FinalResponseContent,
  type FinalResponseSummary,
  type FindingOutcome,
  type MissingElement,
  type RemedyKind,
  type WrittenSection,
} from '@complaints/domain';
import { ISO_DATE } from '../../case-file/iso-date';
import { MAX_VERSION } from '../../case-file/version-param.pipe';

const LONG_TEXT = 20_000;

/** R-RESP-1: the sections the investigator writes; the letter adds the rest (procedure ended, contact, Ombudsman, advocacy). */
export class ResponseSectionsDto implements Partial<Record<WrittenSection, string>> {
  @ApiPropertyOptional({
    description: 'The issues investigated and the outcome the person sought',
    example: 'You told us you waited six hours in A&E without being told why, and asked for an apology.',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  'issues-and-outcome-sought'?: string;

  @ApiPropertyOptional({
    description: 'How the complaint was investigated',
    example: 'The matron reviewed the records and spoke to the nurses on duty.',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  'how-investigated'?: string;

  @ApiPropertyOptional({
    description: 'The evidence considered',
    example: 'The A&E record and the staffing rota.',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  'evidence-considered'?: string;

  @ApiPropertyOptional({
    description:
      'Whether something went wrong: what happened against what should have happened, with the standards referred to',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  'what-went-wrong'?: string;

  @ApiPropertyOptional({
    description: 'The impact on the person',
    example: 'You were anxious and missed a day of work.',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  impact?: string;

  @ApiPropertyOptional({
    description: 'A meaningful apology for the failings (needed when any issue is upheld)',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  apology?: string;

  @ApiPropertyOptional({
    description: 'Wider learning and changes made',
    example: 'Waiting patients are now updated every hour.',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  'wider-learning'?: string;

  @ApiPropertyOptional({
    description: 'How the person stays involved until every action is done (R-RESP-4)',
    example: 'We will write to you as each action is done.',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  'staying-involved'?: string;
}

export class FindingDto {
  @ApiProperty({
    description: "One of the complaint's issues (its id in `issues` of GET /complaints/{reference})",
    format: 'uuid',
  })
  @IsUUID()
  issueId!: string;

  @ApiProperty({ enum: FINDING_OUTCOMES })
  @IsIn(FINDING_OUTCOMES)
  outcome!: FindingOutcome;

  @ApiProperty({
    description: 'The finding on this issue, in plain words',
    example: 'The department was short of two nurses and no one kept you informed.',
  })
  @IsString()
  @Length(1, LONG_TEXT)
  finding!: string;

  @ApiPropertyOptional({
    description:
      'R-JOINT-5, a joint complaint only: the organisations (protocol member codes) that contributed this finding; the lead when none is named',
    type: [String],
    example: ['HCCACS'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @Length(2, 8, { each: true })
  contributedBy?: string[];
}

/** R-JOINT-5: which organisations contributed one written section of a joint response. */
export class SectionContributorsDto {
  @ApiProperty({ enum: WRITTEN_SECTIONS, example: 'how-investigated' })
  @IsIn(WRITTEN_SECTIONS)
  section!: WrittenSection;

  @ApiProperty({ type: [String], description: 'Protocol member codes', example: ['HPFT', 'HCCACS'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @Length(2, 8, { each: true })
  organisations!: string[];
}

export class RemedyDto {
  @ApiProperty({ enum: REMEDY_KINDS, description: 'R-REM-1' })
  @IsIn(REMEDY_KINDS)
  kind!: RemedyKind;

  @ApiProperty({
    description: 'What exactly is offered or done',
    example: 'We are sorry that nobody told you why.',
  })
  @IsString()
  @Length(1, LONG_TEXT)
  detail!: string;
}

export class ActionDto {
  @ApiProperty({ description: 'What will be done', example: 'Hourly updates for waiting patients' })
  @IsString()
  @Length(1, 2000)
  description!: string;

  @ApiProperty({ description: 'The staff user responsible (a staff id)', example: 'hpft-complaint-lead' })
  @IsString()
  @Length(1, 64)
  ownerId!: string;

  @ApiProperty({ description: 'When it will be done (ISO date)', example: '2027-03-31' })
  @Matches(ISO_DATE, { message: 'due must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'due must be a real calendar date' })
  due!: string;
}

export class SaveFinalResponseDraftDto {
  @ApiProperty({
    type: ResponseSectionsDto,
    description: `R-RESP-1 sections: ${WRITTEN_SECTIONS.join(', ')}`,
  })
  @IsObject()
  @ValidateNested()
  @Type(() => ResponseSectionsDto)
  sections!: ResponseSectionsDto;

  @ApiProperty({ type: [FindingDto], description: 'A finding for every issue of the complaint' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings!: FindingDto[];

  @ApiProperty({
    type: [RemedyDto],
    description: 'R-REM-1 remedies (an apology among them when anything is upheld)',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RemedyDto)
  remedies!: RemedyDto[];

  @ApiProperty({ type: [ActionDto], description: 'Actions promised, followed until done (R-RESP-4)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActionDto)
  actions!: ActionDto[];

  @ApiProperty({
    enum: CARE_CONTEXTS,
    description:
      'R-RESP-3: what the complaint is about, which chooses the Ombudsman route (PHSO for NHS care, LGSCO for social care, both for NHS care and social care together, with the PHSO first; CQC for Mental Health Act detention, CTOs and guardianship). Under a profile whose route is its own (iTrust, CWTH) every value gives that route.',
  })
  @IsIn(CARE_CONTEXTS)
  careContext!: CareContext;

  @ApiPropertyOptional({
    description: 'R-INV-8: what the parties said when the outcome and intended actions were shared',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  partiesComments?: string;

  @ApiPropertyOptional({
    description:
      "R-JOINT-5, a joint complaint only: which organisations contributed each written section; a section not listed is the lead's",
    type: [SectionContributorsDto],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WRITTEN_SECTIONS.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SectionContributorsDto)
  sectionContributors?: SectionContributorsDto[];

  @ApiPropertyOptional({
    description: "HPFT (R-RESP-2): the Chief Executive's cover letter",
    example: 'I have read the enclosed response and I am sorry for what happened.',
  })
  @IsOptional()
  @IsString()
  @Length(0, LONG_TEXT)
  coverLetter?: string;
}

export class FinalResponseVersionDto {
  @ApiProperty({
    description: 'The saved version of the draft',
    example: 3,
    minimum: 1,
    maximum: MAX_VERSION,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version!: number;
}

export class ApproveFinalResponseDto extends FinalResponseVersionDto {
  @ApiProperty({
    description:
      "The sign-off step of the profile's chain (HPFT: complaints-team-check, chief-executive-approval; others: sign-off)",
    example: 'sign-off',
  })
  @IsString()
  @Length(1, 64)
  step!: string;
}

export class ShareOutcomeDto {
  @ApiProperty({
    description:
      'R-INV-8: the parties commented on the outcome and intended actions (their words go in the draft, `partiesComments`)',
  })
  @IsBoolean()
  commentsRecorded!: boolean;
}

export class MissingElementDto {
  @ApiProperty({ example: 'apology', description: 'The R-RESP-1 element' }) element!: string;
  @ApiProperty({ example: 'a finding is upheld, so the response needs a meaningful apology' })
  reason!: string;
}

/** A saved version of the final response, with what it still lacks and the summary the workflow is told. */
export class FinalResponseDraftViewDto {
  @ApiProperty({ example: 1, description: 'Versions count 1, 2, 3…; a saved version never changes' })
  version!: number;
  @ApiProperty({ example: 'hpft-handler', description: 'Staff id of who saved it' }) savedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) savedAt!: Date;
  @ApiProperty({
    type: Object,
    description: 'The draft as saved: sections, findings, remedies, actions (with ids), care context',
  })
  content!: FinalResponseContent;
  @ApiProperty({ nullable: true, type: String, description: "HPFT: the Chief Executive's cover letter" })
  coverLetter!: string | null;
  @ApiProperty({
    type: [MissingElementDto],
    description: 'R-RESP-1: what is still missing; submission is refused until this is empty',
  })
  missing!: MissingElement[];
  @ApiProperty({
    type: Object,
    description: 'What the workflow holds of the version: elements present, outcomes, remedy kinds, actions',
  })
  summary!: FinalResponseSummary;
}
