import { Controller, Get, Inject, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { Correspondence } from '@complaints/db';
import { DATA_SOURCE, RateLimit, Roles } from '@complaints/service-kit';
import { CorrespondenceContentDto, CorrespondenceItemDto } from './correspondence.dto';
import { itemViews } from './correspondence-views';
import { AccessAs, notFound } from './case-file-door';
import { pdfAttachment, PDF_RESPONSE } from './pdf-response';
import { CASE_ROLES } from '@complaints/domain';

/** The correspondence log: what was (or is waiting to be) sent about a complaint, for its case team (R-INT-8). */
@ApiTags('correspondence')
@Controller()
@Roles(...CASE_ROLES)
export class CorrespondenceController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('complaints/:reference/correspondence')
  @ApiOperation({ summary: "A complaint's correspondence, oldest first, with delivery status" })
  @ApiOkResponse({ type: [CorrespondenceItemDto] })
  @ApiNotFoundResponse({ description: 'No such complaint, or not yours to open (R-INT-8 need-to-know)' })
  async list(@Param('reference') reference: string): Promise<CorrespondenceItemDto[]> {
    const items = await this.dataSource
      .getRepository(Correspondence)
      .find({ where: { complaintReference: reference }, order: { createdAt: 'ASC' } });
    return itemViews(this.dataSource, items);
  }

  @Get('correspondence/:id')
  @ApiOperation({ summary: 'One piece of correspondence with its rendered content' })
  @ApiOkResponse({ type: CorrespondenceContentDto })
  @ApiNotFoundResponse({ description: 'No such item, or its complaint is not yours to open (R-INT-8)' })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<CorrespondenceContentDto> {
    const item = await this.dataSource.getRepository(Correspondence).findOneBy({ id });
    if (!item) throw notFound(`no correspondence ${id} in your organisation`);
    const [view] = await itemViews(this.dataSource, [item]);
    return { ...view, html: item.html, text: item.text };
  }

  @Get('correspondence/:id/pdf')
  @RateLimit('pdf')
  @ApiOperation({
    summary: "A letter's print copy, as PDF (R-INT-2)",
    description:
      'The tagged A4 PDF laid out from the letter as sent: letterhead, the address placed for a DL/C5 window ' +
      'envelope, page numbers, and large print where the person asked for it. Emails have none (`hasPdf`).',
  })
  @AccessAs('download')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    ...PDF_RESPONSE,
    description: 'The PDF, as an attachment named `<reference>-<template>.pdf`',
  })
  @ApiNotFoundResponse({
    description: 'No such item, its complaint not yours to open (R-INT-8), or the item has no PDF (an email)',
  })
  async pdf(@Param('id', new ParseUUIDPipe()) id: string): Promise<StreamableFile> {
    const item = await this.dataSource
      .getRepository(Correspondence)
      .createQueryBuilder('item')
      .addSelect('item.pdf')
      .where('item.id = :id', { id })
      .getOne();
    if (!item) throw notFound(`no correspondence ${id} in your organisation`);
    if (!item.pdf) throw notFound(`correspondence ${id} has no PDF: only letters have one`);
    return pdfAttachment(item.pdf, `${item.complaintReference}-${item.template}.pdf`);
  }
}
