import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CORRESPONDENCE_STATUSES, type Correspondence } from '@complaints/db';

const STATUS_DESCRIPTION = [
  'Where the item is in its delivery (ADR 0007):',
  '`drafted` rendered and recorded, not sent yet (an email waiting for a retry has `attempts` and `lastError`);',
  '`approved` drafted and approved by the member of staff its history names;',
  '`sending` handed to the mail server, its answer not recorded yet;',
  '`sent` the mail server took the email, or a letter is queued to print;',
  '`delivered` the mail server accepted the email for every recipient (the furthest we can see; bounces are not read), or a member of staff posted the printed letter;',
  '`failed` refused for good (a 5xx answer, a letter that cannot be laid out): the handler was emailed and, for an email to a person with a postal address, the letter was queued to print instead;',
  '`unconfirmed` an attempt stopped mid-send, so it may or may not have gone: it is not sent again by itself, and the handler was emailed;',
  '`held` not sent: a letter with the person’s information, and the person has not consented to their representative seeing it (R-INT-5).',
  'Items recorded before this lifecycle: `pending` is now `drafted`, `to-print` is now `sent` (a letter).',
].join(' ');

export class StatusChangeDto {
  @ApiProperty({ enum: CORRESPONDENCE_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ description: 'The member of staff who approved, posted or asked for a resend' })
  by?: string;
  @ApiPropertyOptional({
    description: 'Why, as a code: an SMTP error, `QueuedToPrint`, `Posted`, `Resend`, `ConsentNotGiven` …',
  })
  reason?: string;
}

export class CorrespondenceItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'HPFT-2026-000001' }) complaintReference!: string;
  @ApiProperty({ example: 'acknowledgement' }) template!: string;
  @ApiProperty({
    example: 1,
    description: "The standard template's version, or the organisation's override version (`templateSource`)",
  })
  templateVersion!: number;
  @ApiProperty({
    enum: ['standard', 'easy-read'],
    description: 'Easy read when the person asked for it (R-INT-2)',
  })
  variant!: string;
  @ApiProperty({
    enum: ['standard', 'organisation'],
    description: "`organisation`: the organisation's override",
  })
  templateSource!: string;
  @ApiProperty({
    example: [{ name: 'letterhead', version: 2 }],
    description: "The organisation's overrides of partials the item used",
  })
  partialOverrides!: { name: string; version: number }[];
  @ApiProperty({ enum: ['email', 'letter'] }) channel!: string;
  @ApiProperty({
    example: 'complainant',
    description:
      'Who it is for: `complainant`, `person-affected` (R-INT-5: the letter went to the person themselves, or a copy did), or a staff audience',
  })
  audience!: string;
  @ApiProperty({ description: 'Email address(es), or the postal address of a letter' }) recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: CORRESPONDENCE_STATUSES, description: STATUS_DESCRIPTION }) status!: string;
  @ApiProperty({ type: [StatusChangeDto], description: 'Every status change, oldest first' })
  history!: StatusChangeDto[];
  @ApiProperty({ description: 'Hand-overs to the mail server (email), or failed print layouts (letter)' })
  attempts!: number;
  @ApiProperty({
    description: 'A letter has a print copy: `GET /correspondence/{id}/pdf`. Emails have none.',
  })
  hasPdf!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Last delivery error, as codes only' })
  lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'When the mail server took it, or it was queued to print',
  })
  sentAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When it became `delivered`' })
  deliveredAt!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The failed, unconfirmed or held item this one resends',
  })
  resendOf!: string | null;
  @ApiProperty({ description: '0 for the original, n for its n-th resend' }) resendNumber!: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The item that resends this one, if any',
  })
  resentAs!: string | null;
}

export class CorrespondenceContentDto extends CorrespondenceItemDto {
  @ApiProperty({ description: 'The rendered HTML, as sent' }) html!: string;
  @ApiProperty({ description: 'The plain-text alternative, as sent' }) text!: string;
}

export function toItem(
  item: Correspondence,
  { hasPdf, resentAs }: { hasPdf: boolean; resentAs: string | null },
): CorrespondenceItemDto {
  return {
    id: item.id,
    complaintReference: item.complaintReference,
    template: item.template,
    templateVersion: item.templateVersion,
    variant: item.variant,
    templateSource: item.templateSource,
    partialOverrides: item.partialOverrides,
    channel: item.channel,
    audience: item.audience,
    recipient: item.recipient,
    subject: item.subject,
    status: item.status,
    history: item.history,
    attempts: item.attempts,
    hasPdf,
    lastError: item.lastError,
    createdAt: item.createdAt.toISOString(),
    sentAt: item.sentAt?.toISOString() ?? null,
    deliveredAt: item.deliveredAt?.toISOString() ?? null,
    resendOf: item.resendOf,
    resendNumber: item.resendNumber,
    resentAs,
  };
}
