import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, ValidateIf } from 'class-validator';
import {
  CONSENT_NOT_NEEDED_REASONS,
  type ConsentNotNeededReason,
  OUT_OF_SCOPE_MATTERS,
  REPRESENTATIVE_DECISIONS,
  type OutOfScopeMatter,
  type RepresentativeDecision,
} from '@complaints/domain';

export class DecideScopeDto {
  @ApiProperty({
    description: 'R-INT-7: the whole complaint is out of scope (it closes), or only part of it',
  })
  @IsBoolean()
  whole!: boolean;

  @ApiProperty({
    enum: OUT_OF_SCOPE_MATTERS,
    description:
      "What is out of scope, which decides the signposting: an employee's complaint about their employment, a request for information (FOI or subject access), a complaint from the organisation's own staff (CWTH), or other",
  })
  @IsIn(OUT_OF_SCOPE_MATTERS)
  matter!: OutOfScopeMatter;
}

export class DecideTimeLimitDto {
  @ApiProperty({
    enum: ['considered', 'not-considered'],
    description:
      'R-INT-6: considered when there was a good reason for the delay and it is still possible to investigate properly; otherwise the person is told why in writing, with the Ombudsman details, and the complaint closes',
  })
  @IsIn(['considered', 'not-considered'])
  decision!: 'considered' | 'not-considered';
}

export class RecordConsentDto {
  @ApiProperty({
    enum: ['given', 'not-needed', 'refused'],
    description:
      'R-INT-5: consent given, not needed (the person has died, is a child — HPFT: under 13, checked against the date of birth held — or lacks capacity), or refused (after it was sought: the complaint closes with written reasons)',
  })
  @IsIn(['given', 'not-needed', 'refused'])
  outcome!: 'given' | 'not-needed' | 'refused';

  @ApiPropertyOptional({
    enum: CONSENT_NOT_NEEDED_REASONS,
    description: 'Required with `not-needed`: why consent is not needed',
  })
  @ValidateIf((dto: RecordConsentDto) => dto.outcome === 'not-needed')
  @IsIn(CONSENT_NOT_NEEDED_REASONS, {
    message: 'reason must say why consent is not needed: deceased, child or lacks-capacity',
  })
  reason?: ConsentNotNeededReason;
}

export class ResolveQuicklyDto {
  @ApiProperty({
    description:
      'R-QUICK-1: the person confirmed they are satisfied that the issues are resolved; the complaint ends only if true',
  })
  @IsBoolean()
  confirmedSatisfied!: boolean;
}

export class DecideRepresentativeDto {
  @ApiProperty({
    enum: REPRESENTATIVE_DECISIONS,
    description:
      "R-INT-5: the representative is not acting in the person's best interests, or (for a child) there are no reasonable grounds for a representative to complain rather than the child",
  })
  @IsIn(REPRESENTATIVE_DECISIONS)
  decision!: RepresentativeDecision;
}
