import { Body, Controller, Header, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { SubjectAccessExportDto, SubjectAccessRequestDto } from './dto/subject-access.dto';
import { ExportAccessRecorder } from './export-access.recorder';
import { subjectAccessPdf } from './subject-access-pdf';
import { SubjectAccessService } from './subject-access.service';

const DESCRIPTION =
  'Every complaint of your organisation on which the person is named (by their email, or their name and date of birth), with what is held about them: their details, the issues in their words, the timeline, final response and plan versions, equality answers, limits on contact, and every letter and email. Other people named on those complaints are left out. Case files already disposed of hold nothing about them. Each export is recorded as an access to the case files it reads.';

/** Subject access (UK GDPR Art. 15), for complaints managers. */
@ApiTags('subject access')
@StaffApiResponses()
@ApiBadRequestResponse(PROBLEM)
@Controller('subject-access/exports')
export class SubjectAccessController {
  constructor(
    private readonly subjectAccess: SubjectAccessService,
    private readonly accessRecorder: ExportAccessRecorder,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({ summary: 'Everything held about a person, as JSON', description: DESCRIPTION })
  @ApiOkResponse({ type: SubjectAccessExportDto })
  async json(
    @Body() dto: SubjectAccessRequestDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<SubjectAccessExportDto> {
    const record = await this.subjectAccess.export(dto, staff);
    await this.accessRecorder.recordSubjectAccessExport({
      staff,
      complaintReferences: references(record),
      format: 'json',
    });
    return record;
  }

  @Post('pdf')
  @HttpCode(200)
  @Roles('complaints-manager')
  @Header('Content-Type', 'application/pdf')
  @Header('Content-Disposition', 'attachment; filename="subject-access-export.pdf"')
  @ApiOperation({
    summary: 'Everything held about a person, as a tagged PDF to give them',
    description: DESCRIPTION,
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The export as an A4 tagged PDF',
    schema: { type: 'string', format: 'binary' },
  })
  async pdf(
    @Body() dto: SubjectAccessRequestDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<StreamableFile> {
    const record = await this.subjectAccess.export(dto, staff);
    const pdf = await subjectAccessPdf(record);
    await this.accessRecorder.recordSubjectAccessExport({
      staff,
      complaintReferences: references(record),
      format: 'pdf',
    });
    return new StreamableFile(pdf);
  }
}

const references = (record: SubjectAccessExportDto) =>
  record.complaints.map((complaint) => complaint.reference);
