import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  addCalendarDays,
  DELEGABLE_FUNCTIONS,
  DELEGATION_LONGEST_DAYS,
  londonDate,
  type DelegableFunction,
} from '@complaints/domain';
import { ISO_DATE } from '../case-file/iso-date';

const FUNCTIONS = Object.keys(DELEGABLE_FUNCTIONS) as DelegableFunction[];

/** R-RESP-2: the Responsible Person delegates signing final responses to an authorised senior manager. */
export class RecordDelegationDto {
  @ApiPropertyOptional({
    example: 'hpft-responsible-person',
    maxLength: 64,
    description:
      'Staff id of the Responsible Person who delegates. Defaults to you when you are the Responsible Person; a complaints manager recording it for them names them.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  delegatedBy?: string;

  @ApiProperty({
    example: 'hpft-senior-manager',
    maxLength: 64,
    description:
      'Staff id of the delegate: an active senior manager of your organisation, not the Responsible Person',
  })
  @IsString()
  @Length(1, 64)
  delegateId!: string;

  @ApiProperty({
    enum: FUNCTIONS,
    example: 'final-response-sign-off',
    description: 'What is delegated: `final-response-sign-off`, signing the final written response',
  })
  @IsIn(FUNCTIONS)
  function!: DelegableFunction;

  @ApiProperty({
    // A week ahead, so trying the example out does not make anyone a current delegate.
    example: addCalendarDays(londonDate(new Date()), 7),
    description: 'London date the delegation starts (included); not before today',
  })
  @Matches(ISO_DATE, { message: 'from must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from!: string;

  @ApiProperty({
    example: addCalendarDays(londonDate(new Date()), 21),
    description: `London date the delegation ends (included); not before \`from\`, and at most ${DELEGATION_LONGEST_DAYS} days after it`,
  })
  @Matches(ISO_DATE, { message: 'until must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'until must be a real calendar date' })
  until!: string;
}

/** R-RESP-2: a delegation as recorded. */
export class SignOffDelegationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HPFT' }) organisationCode!: string;
  @ApiProperty({ description: 'Staff id of the Responsible Person who delegated' }) delegatedBy!: string;
  @ApiProperty({ description: 'Staff id of the delegate' }) delegateId!: string;
  @ApiProperty({ enum: FUNCTIONS }) function!: DelegableFunction;
  @ApiProperty({ example: '2026-12-01', description: 'First day (London), included' }) from!: string;
  @ApiProperty({ example: '2026-12-14', description: 'Last day (London), included' }) until!: string;
  @ApiProperty({ description: 'Staff id of who recorded it' }) recordedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it was ended early' })
  endedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Staff id of who ended it early' })
  endedBy!: string | null;
  @ApiProperty({ description: 'Whether the delegate may sign today (started, not past its end, not ended)' })
  current!: boolean;
}
