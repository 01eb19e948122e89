import { ApiProperty } from '@nestjs/swagger';
import type { LocalDate, Pause } from '@complaints/domain';

export class DeadlinePauseDto {
  @ApiProperty({ type: String, format: 'date' }) start!: LocalDate;
  @ApiProperty({ type: String, format: 'date', nullable: true }) end!: LocalDate | null;
}

/** One deadline, explained: every fact its due date follows from. */
export class DeadlineExplanationDto {
  @ApiProperty({ enum: ['quickResolution', 'acknowledgement', 'earlyResolution', 'finalResponse'] })
  name!: 'quickResolution' | 'acknowledgement' | 'earlyResolution' | 'finalResponse';
  @ApiProperty({ example: 'R-ACK-1', description: 'The procedure rule that sets it' }) rule!: string;
  @ApiProperty({ example: { id: 'hpft', version: 1 }, description: 'The policy profile pinned at intake' })
  profile!: { id: string; version: number };
  @ApiProperty({ example: 'working-days', description: 'How it is counted' }) basis!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day counting starts from' })
  start!: LocalDate | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'How many working days or months; null when agreed',
  })
  amount!: number | null;
  @ApiProperty({ example: 'England and Wales bank holidays', description: 'The working-day calendar' })
  calendar!: string;
  @ApiProperty({ type: [DeadlinePauseDto], description: 'R-INV-6: paused periods, which do not count' })
  pauses!: readonly Pause[];
  @ApiProperty({ type: [Object], description: 'Agreed new dates (R-ER-1, R-INV-5)' })
  extensions!: readonly unknown[];
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-26' })
  due!: LocalDate | null;
  @ApiProperty({
    description: 'One sentence: the rule, profile version, calendar, start, pauses, extensions, due',
  })
  explanation!: string;
}
