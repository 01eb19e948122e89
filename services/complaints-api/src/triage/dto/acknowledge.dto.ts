import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class AcknowledgeDto {
  @ApiProperty({
    description:
      "R-ACK-1: how the complaint was acknowledged. `written` sends the profile's acknowledgement letter by the person's chosen channels; " +
      'profiles that acknowledge in writing (HPFT, iTrust, CWTH) refuse `verbal`.',
    enum: ['verbal', 'written'],
  })
  @IsIn(['verbal', 'written'])
  method!: 'verbal' | 'written';
}
