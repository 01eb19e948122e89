import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { Ko41aReturnDto } from './dto/ko41a.dto';
import { Ko41aService } from './ko41a.service';
import { YearParamPipe } from './year-param.pipe';

const COUNTING_RULES =
  'Counted as the collection says: a complaint made orally and recorded counts as written (every channel); feedback, PALS enquiries and anonymous submissions, which need no investigation, are left out; a complaint counts once in the totals and once per distinct item in the service, subject (and, for clinical treatment, clinical area) and profession sections; the organisation that handled it reports it. Resolved is a final response sent in the year, by its overall outcome. Exact figures, not suppressed: this is the statutory return.';

/** Issue #15 part 3: the KO41a return for hospital and community health services (ADR 0029). */
@ApiTags('monitoring')
@StaffApiResponses()
@ApiBadRequestResponse({ ...PROBLEM, description: 'Not a financial year: `errors` names `year`' })
@Controller('reports/ko41a')
export class Ko41aController {
  constructor(private readonly ko41a: Ko41aService) {}

  @Get(':year')
  @Roles('complaints-manager', 'senior-manager', 'responsible-person')
  @ApiOperation({
    summary: "Your organisation's KO41a return for a financial year, readable, with the form's validation",
    description: `For a financial year by name (\`2026-27\` is 1 April 2026 to 31 March 2027). ${COUNTING_RULES} The code lists' version and whether it was checked against the national lookup come with the figures.`,
  })
  @ApiOkResponse({ type: Ko41aReturnDto })
  readable(
    @Param('year', YearParamPipe) year: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<Ko41aReturnDto> {
    return this.ko41a.readable(staff.organisationCode, year);
  }

  @Get(':year/csv')
  @Roles('complaints-manager', 'responsible-person')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The KO41a return as CSV for submission',
    description:
      'One row per section and item (`organisation,year,code_lists_version,section,item,label,value`), every item of the code lists, zeros included. Given only for a return that passes the form’s validation.',
  })
  @ApiOkResponse({
    description: 'The return',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        example:
          'organisation,year,code_lists_version,section,item,label,value\r\nHPFT,2026-27,2026.1-provisional,2,brought-forward,Total brought forward,2\r\n',
      },
    },
  })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'The return fails the form’s validation; `errors` names each section and rule',
  })
  async csv(
    @Param('year', YearParamPipe) year: string,
    @CurrentStaff() staff: StaffPrincipal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const csv = await this.ko41a.csv(staff.organisationCode, year);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="KO41a-${staff.organisationCode}-${year}.csv"`,
    );
    return csv;
  }
}
