import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsIn, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import {
  EXTENSION_AGREED_BY,
  EXTENSION_AGREED_WITH,
  EXTENSION_REASONS,
  OTHER_PROCEDURES,
  PAUSE_REASONS,
  STAFF_RESUME_REASONS,
  type ExtensionAgreedBy,
  type ExtensionAgreedWith,
  type ExtensionReason,
  type OtherProcedure,
  type PauseReason,
  type ResumeReason,
} from '@complaints/domain';
import { DatedCommandDto } from '../../case-file/dated-command.dto';
import { ISO_DATE } from '../../case-file/iso-date';

export class FlagOtherProcedureDto {
  @ApiProperty({
    enum: OTHER_PROCEDURES,
    description:
      'The other procedure the complaint is also handled under: a patient safety incident review, a safeguarding concern, a coroner, a regulator, or a legal claim',
    example: 'patient-safety',
  })
  @IsIn(OTHER_PROCEDURES)
  procedure!: OtherProcedure;
}

export class OtherProcedureFlagDto {
  @ApiProperty({ enum: OTHER_PROCEDURES })
  procedure!: OtherProcedure;

  @ApiProperty({ example: '2027-01-12', description: 'The day it was flagged (London)' })
  on!: string;

  @ApiProperty({ example: 'hpft-handler', description: 'Who flagged it' })
  by!: string;
}

export class AgreeTimescaleDto {
  @ApiProperty({
    description: 'R-INV-4: the final-response date agreed with the person (ISO date, not in the past)',
    example: '2027-01-29',
  })
  @Matches(ISO_DATE, { message: 'due must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'due must be a real calendar date' })
  due!: string;
}

export class PauseClockDto extends DatedCommandDto {
  @ApiProperty({
    description:
      "R-INV-6: why the final-response clock pauses — consent being sought, on hold at the person's request, or a formal request from the police, a coroner or a judge",
    enum: PAUSE_REASONS,
  })
  @IsIn(PAUSE_REASONS)
  reason!: PauseReason;
}

export class ResumeClockDto extends DatedCommandDto {
  @ApiProperty({
    description:
      'R-INV-6: why the clock starts again. While consent is still sought (R-INT-5) the clock resumes by itself when the consent is recorded, and by hand only with `continuing-without-consent`.',
    enum: STAFF_RESUME_REASONS,
    example: 'information-received',
  })
  @IsIn(STAFF_RESUME_REASONS)
  reason!: ResumeReason;
}

/** R-INV-5: the person's agreement to the new date. */
export class ExtensionAgreementDto {
  @ApiProperty({
    enum: EXTENSION_AGREED_WITH,
    description:
      'Who agreed: the complainant, the person affected (when they are not the complainant), or an advocate',
  })
  @IsIn(EXTENSION_AGREED_WITH)
  with!: ExtensionAgreedWith;

  @ApiProperty({
    description:
      'The London day it was agreed: not after today, not before this round of the closer look began',
    example: '2027-02-10',
  })
  @Matches(ISO_DATE, { message: 'on must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'on must be a real calendar date' })
  on!: string;

  @ApiProperty({ enum: EXTENSION_AGREED_BY, description: 'How it was agreed; the letter says so' })
  @IsIn(EXTENSION_AGREED_BY)
  how!: ExtensionAgreedBy;
}

export class ExtendFinalResponseDto {
  @ApiProperty({
    description: 'R-INV-5: the new date agreed with the person (ISO date)',
    example: '2027-02-26',
  })
  @Matches(ISO_DATE, { message: 'newDue must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'newDue must be a real calendar date' })
  newDue!: string;

  @ApiProperty({
    enum: Object.keys(EXTENSION_REASONS),
    description: 'Why the date cannot be met; the letter explains it in words',
  })
  @IsIn(Object.keys(EXTENSION_REASONS))
  reason!: ExtensionReason;

  @ApiPropertyOptional({
    type: ExtensionAgreementDto,
    description:
      "R-INV-5: who agreed the new date, when and how. Required by every profile but CWTH's, whose procedure sends a progress report with the new date instead (409 R-INV-5 without it).",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExtensionAgreementDto)
  agreement?: ExtensionAgreementDto;
}

export class ApproveSixMonthLetterDto {
  @ApiProperty({
    description: 'R-INV-7: the likely date of the final response, given in the letter',
    example: '2027-04-30',
  })
  @Matches(ISO_DATE, { message: 'likelyBy must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'likelyBy must be a real calendar date' })
  likelyBy!: string;
}
