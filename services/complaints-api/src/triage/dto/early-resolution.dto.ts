import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsISO8601, IsString, Length, Matches } from 'class-validator';
import { ISO_DATE } from '../../case-file/iso-date';

export class ExtendEarlyResolutionDto {
  @ApiProperty({
    description:
      'R-ER-1: the new early-resolution target agreed with the person (ISO date); after the current one, not in the past',
    example: '2026-12-11',
  })
  @Matches(ISO_DATE, { message: 'newTarget must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'newTarget must be a real calendar date' })
  newTarget!: string;

  @ApiProperty({
    description: 'The person agreed to the extension (R-ER-1 requires their agreement)',
    example: true,
  })
  @Equals(true, {
    message: 'agreedWithComplainant must be true: the aim is extended only by agreement with the person',
  })
  agreedWithComplainant!: boolean;
}

export class ResolveEarlyDto {
  @ApiProperty({
    description:
      'R-ER-1: a summary of the complaint and how it was resolved; recorded and sent to the person',
    example:
      'You told us you waited six hours without news. The ward manager has apologised and explained the delay.',
    maxLength: 10000,
  })
  @IsString()
  @Length(10, 10000)
  summary!: string;

  @ApiProperty({ description: 'The person confirmed they are satisfied (R-ER-1)', example: true })
  @Equals(true, {
    message: 'complainantSatisfied must be true: early resolution ends only with the person satisfied',
  })
  complainantSatisfied!: boolean;
}
