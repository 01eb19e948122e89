import { Controller, Get, Inject, Param, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { renderPdf } from '@complaints/activities/correspondence';
import { CurrentStaff, DATA_SOURCE, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { RateLimit } from '@complaints/service-kit';
import { ombudsmanPack } from './ombudsman-pack';
import { loadOmbudsmanPackRecord } from './ombudsman-pack-record';
import { AccessAs, notFound } from './case-file-door';
import { pdfAttachment, PDF_RESPONSE } from './pdf-response';
import { CASE_ROLES } from '@complaints/domain';

/** The complaint's file for the Ombudsman (issue #5), for its case team (R-INT-8). */
@ApiTags('correspondence')
@Controller()
@Roles(...CASE_ROLES)
export class OmbudsmanPackController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('complaints/:reference/ombudsman-pack')
  @RateLimit('pdf')
  @ApiOperation({
    summary: "The complaint's file for the Ombudsman, as one PDF",
    description:
      'A tagged A4 PDF, in date order: a cover page (reference, organisation, when produced); the complaint as ' +
      'recorded, with the issues in the complainant’s own words, and its case timeline; then every letter and ' +
      'email sent or queued to print, each from a new page with its details (when, channel, audience, ' +
      'recipient, template and version, subject) and its content as sent. Made afresh from the record on each request.',
  })
  @AccessAs('export')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    ...PDF_RESPONSE,
    description: 'The PDF, as an attachment named `<reference>-ombudsman-pack.pdf`',
  })
  @ApiNotFoundResponse({ description: 'No such complaint, or not yours to open (R-INT-8 need-to-know)' })
  async pack(
    @Param('reference') reference: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<StreamableFile> {
    const record = await loadOmbudsmanPackRecord(this.dataSource, reference, staff.organisationCode);
    if (!record) throw notFound(`no complaint ${reference} in your organisation`);
    const pdf = await renderPdf(ombudsmanPack(record, new Date()));
    return pdfAttachment(pdf, `${reference}-ombudsman-pack.pdf`);
  }
}
