import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import { AccessGrantDto, AccessLogPageDto, AccessLogQueryDto, GrantAccessDto } from './access.dto';
import { AccessService } from './access.service';

/** R-INT-8: who opened a complaint's file, and break-glass access for someone off its case team. */
@ApiTags('access')
@StaffApiResponses()
@Controller('complaints')
@Roles('complaints-manager')
export class AccessController {
  constructor(private readonly access: AccessService) {}

  @Get(':reference/access-log')
  @ApiOperation({
    summary: "The complaint's access log, newest first (R-INT-8)",
    description:
      'Every opening of the file, in this API and the correspondence service, allowed or refused: who (staff id), ' +
      'when, what (route) and how (view, download, export, preview, act), the basis it was allowed on, and for ' +
      'break-glass the grant and its reason. Worklist searches are recorded with the references they returned.',
  })
  @ApiOkResponse({ type: AccessLogPageDto })
  log(@CaseFile() complaint: Complaint, @Query() query: AccessLogQueryDto): Promise<AccessLogPageDto> {
    return this.access.log(complaint, query);
  }

  @Post(':reference/access-grants')
  @ApiOperation({
    summary:
      'Break-glass: let a member of staff off the case team open this complaint, for a reason, until a time',
    description:
      'Recorded with its reason, which is the purpose of each access made under it; ends at `expiresAt` (at most 7 ' +
      'days) or when revoked. Never for staff named as involved in the events (409).',
  })
  @ApiCreatedResponse({ type: AccessGrantDto })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'Not a member of staff here, or `expiresAt` not in the next 7 days',
  })
  @ApiConflictResponse({ ...PROBLEM, description: 'The member of staff is named as involved (R-INT-8)' })
  grant(
    @CaseFile() complaint: Complaint,
    @Body() dto: GrantAccessDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AccessGrantDto> {
    return this.access.grant(complaint, dto, staff);
  }

  @Post(':reference/access-grants/:grantId/revocation')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a break-glass grant now' })
  @ApiOkResponse({ type: AccessGrantDto, description: 'The grant, revoked' })
  revoke(
    @CaseFile() complaint: Complaint,
    @Param('grantId', new ParseUUIDPipe()) grantId: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<AccessGrantDto> {
    return this.access.revoke(complaint, grantId, staff);
  }
}
