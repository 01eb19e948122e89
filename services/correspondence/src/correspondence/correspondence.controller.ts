import { Controller, Get, Inject, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { In, IsNull, Not, type DataSource } from 'typeorm';
import { CASE_ROLES, Correspondence } from '@complaints/db';
import { CurrentStaff, DATA_SOURCE, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { assertOwnOrganisation, notFound } from './own-organisation';
import { pdfAttachment, PDF_RESPONSE } from './pdf-response';

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
  @ApiProperty({
    description: 'A letter has a print copy: `GET /correspondence/{id}/pdf`. Emails have none.',
  })
  hasPdf!: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'Last delivery error, as codes only' }) lastError!:
    string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) sentAt!: string | null;
}

export class CorrespondenceContentDto extends CorrespondenceItemDto {
  @ApiProperty({ description: 'The rendered HTML, as sent' }) html!: string;
  @ApiProperty({ description: 'The plain-text alternative, as sent' }) text!: string;
}

function toItem(item: Correspondence, hasPdf: boolean): CorrespondenceItemDto {
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
    attempts: item.attempts,
    hasPdf,
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
    assertOwnOrganisation(reference, staff);
    const items = await this.dataSource
      .getRepository(Correspondence)
      .find({ where: { complaintReference: reference }, order: { createdAt: 'ASC' } });
    const printed = await this.withPdf(items.map((item) => item.id));
    return items.map((item) => toItem(item, printed.has(item.id)));
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
    if (!item) throw notFound(`no correspondence ${id} in your organisation`);
    assertOwnOrganisation(item.complaintReference, staff);
    const printed = await this.withPdf([item.id]);
    return { ...toItem(item, printed.has(item.id)), html: item.html, text: item.text };
  }

  @Get('correspondence/:id/pdf')
  @ApiOperation({
    summary: "A letter's print copy, as PDF (R-INT-2)",
    description:
      'The tagged A4 PDF laid out from the letter as sent: letterhead, the address placed for a DL/C5 window ' +
      'envelope, page numbers, and large print where the person asked for it. Emails have none (`hasPdf`).',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    ...PDF_RESPONSE,
    description: 'The PDF, as an attachment named `<reference>-<template>.pdf`',
  })
  @ApiNotFoundResponse({
    description: 'No such item in your organisation, or the item has no PDF (an email)',
  })
  async pdf(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<StreamableFile> {
    const item = await this.dataSource
      .getRepository(Correspondence)
      .createQueryBuilder('item')
      .addSelect('item.pdf')
      .where('item.id = :id', { id })
      .getOne();
    if (!item) throw notFound(`no correspondence ${id} in your organisation`);
    assertOwnOrganisation(item.complaintReference, staff);
    if (!item.pdf) throw notFound(`correspondence ${id} has no PDF: only letters have one`);
    return pdfAttachment(item.pdf, `${item.complaintReference}-${item.template}.pdf`);
  }

  /** Which of these items have a PDF, without reading the documents. */
  private async withPdf(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const printed = await this.dataSource
      .getRepository(Correspondence)
      .find({ select: { id: true }, where: { id: In(ids), pdf: Not(IsNull()) } });
    return new Set(printed.map((item) => item.id));
  }
}
