import { ApiProperty } from '@nestjs/swagger';

export class AcknowledgementResultDto {
  @ApiProperty({ example: '2026-11-24' }) acknowledgedOn!: string;
  @ApiProperty({ example: '2026-11-26' }) due!: string;
  @ApiProperty({ description: 'Acknowledged on or before the due date (R-ACK-1)' }) onTime!: boolean;
  @ApiProperty({ enum: ['verbal', 'written'] }) method!: string;
}
