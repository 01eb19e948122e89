import { OmitType } from '@nestjs/swagger';
import { CreateComplaintDto } from './create-complaint.dto';

/**
 * A complaint from the public web form (R-INT-1): everything staff intake takes except the channel, which
 * is `web-form`, and the date of receipt, which is the London date the API receives it.
 */
export class PublicComplaintDto extends OmitType(CreateComplaintDto, ['channel', 'receivedOn'] as const) {}
