import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { CASE_ROLES, Correspondence } from '@complaints/db';
import { isComplaintReference, parseComplaintReference } from '@complaints/domain';
import {
  CurrentStaff,
  DATA_SOURCE,
  ProblemException,
  Roles,
  type StaffPrincipal,
} from '@complaints/service-kit';

export class CorrespondenceItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'HPFT-2026-000001' }) complaintReference!: string;
  @ApiProperty({ example: 'acknowledgement' }) template!: string;
  @ApiProperty({ example: 1 }) templateVersion!: number;
  @ApiProperty({ enum: ['email', 'letter'] }) channel!: string;
  @ApiProperty({ example: 'complainant' }) audience!: string;
  @ApiProperty({ description: 'Email address(es), or the postal address of a letter' }) recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({
    enum: ['pending', 'sent', 'to-print', 'failed'],
    description:
      '`pending`: not delivered yet (retrying with backoff; see attempts and lastError); `to-print`: a letter queued for printing',
  })
  status!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ nullable: true, description: 'Last delivery error, as codes only' }) lastError!:
    string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) sentAt!: string | null;
}

export class CorrespondenceContentDto extends CorrespondenceItemDto {
  @ApiProperty({ description: 'The rendered HTML, as sent' }) html!: string;
  @ApiProperty({ description: 'The plain-text alternative, as sent' }) text!: string;
}

function toItem(item: Correspondence): CorrespondenceItemDto {
  return {
    id: item.id,
    complaintReference: item.complaintReference,
    template: item.template,
    templateVersion: item.templateVersion,
    channel: item.channel,
    audience: item.audience,
    recipient: item.recipient,
    subject: item.subject,
    status: item.status,
    attempts: item.attempts,
    lastError: item.lastError,
    createdAt: item.createdAt.toISOString(),
    sentAt: item.sentAt?.toISOString() ?? null,
  };
}

/** The correspondence log: what was (or is waiting to be) sent about a complaint, for its organisation's staff. */
@ApiTags('correspondence')
@Controller()
@Roles(...CASE_ROLES)
export class CorrespondenceController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('complaints/:reference/correspondence')
  @ApiOperation({ summary: "A complaint's correspondence, oldest first, with delivery status" })
  @ApiOkResponse({ type: [CorrespondenceItemDto] })
  @ApiNotFoundResponse({ description: 'No such complaint in your organisation' })
  async list(
    @Param('reference') reference: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CorrespondenceItemDto[]> {
    this.assertOwnOrganisation(reference, staff);
    const items = await this.dataSource
      .getRepository(Correspondence)
      .find({ where: { complaintReference: reference }, order: { createdAt: 'ASC' } });
    return items.map(toItem);
  }

  @Get('correspondence/:id')
  @ApiOperation({ summary: 'One piece of correspondence with its rendered content' })
  @ApiOkResponse({ type: CorrespondenceContentDto })
  @ApiNotFoundResponse({ description: 'No such item in your organisation' })
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CorrespondenceContentDto> {
    const item = await this.dataSource.getRepository(Correspondence).findOneBy({ id });
    if (!item) throw this.notFound(`no correspondence ${id} in your organisation`);
    this.assertOwnOrganisation(item.complaintReference, staff);
    return { ...toItem(item), html: item.html, text: item.text };
  }

  // The reference names its organisation (HPFT-2026-000123), so no other service's table is needed to check it.
  private assertOwnOrganisation(reference: string, staff: StaffPrincipal): void {
    if (
      !isComplaintReference(reference) ||
      parseComplaintReference(reference).orgCode !== staff.organisationCode
    ) {
      throw this.notFound(`no complaint ${reference} in your organisation`);
    }
  }

  private notFound(detail: string): ProblemException {
    return new ProblemException({ status: 404, title: 'Not found', detail });
  }
}
