import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { TitledRole } from '@complaints/domain';
import {
  CurrentStaff,
  RequestValidationException,
  Roles,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { SetTitleDto, TITLED_ROLES, TitlesDto } from './titles.dto';
import { Titles } from './titles.service';

const CHANGES_WHAT_LETTERS_SAY =
  "Letters written from now on use it: the final response and cover letter sign with the signer's job title, \"on behalf of\" the Responsible Person's, and R-PERS-1's approval is given only by the member of staff whose job title is the organisation's title for the deputy chief executive. Letters already sent keep what they said.";

/** R-RESP-2, R-PERS-1 (ADR 0034): the titles the letters use, kept by the organisation's complaints team. */
@ApiTags('organisation')
@StaffApiResponses()
@Controller('organisation/titles')
export class TitlesController {
  constructor(private readonly titles: Titles) {}

  @Get()
  @Roles('complaints-manager', 'responsible-person')
  @ApiOperation({
    summary: "Your organisation's titles for the procedure's roles, and each member of staff's job title",
  })
  @ApiOkResponse({ type: TitlesDto })
  view(@CurrentStaff() staff: StaffPrincipal): Promise<TitlesDto> {
    return this.titles.view(staff);
  }

  @Put('roles/:role')
  @Roles('complaints-manager', 'responsible-person')
  @ApiParam({
    name: 'role',
    enum: TITLED_ROLES,
    example: 'clinical-team',
    description: "One of the procedure's titled roles",
  })
  @ApiOperation({
    summary: "Set your organisation's title for one of the procedure's roles (null: the seed's title again)",
    description: CHANGES_WHAT_LETTERS_SAY,
  })
  @ApiOkResponse({ type: TitlesDto, description: 'The titles, as now kept' })
  @ApiBadRequestResponse({
    ...PROBLEM,
    description: 'Not a titled role, or a title that is not 1 to 120 characters',
  })
  setRoleTitle(
    @Param('role') role: string,
    @Body() dto: SetTitleDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TitlesDto> {
    if (!TITLED_ROLES.includes(role as TitledRole))
      throw new RequestValidationException([
        { field: 'role', reason: `must be one of ${TITLED_ROLES.join(', ')}` },
      ]);
    return this.titles.setRoleTitle(role as TitledRole, dto.title, staff);
  }

  @Put('staff/:staffId')
  @Roles('complaints-manager', 'responsible-person')
  @ApiParam({ name: 'staffId', description: 'A member of your staff, by id', example: 'hpft-senior-manager' })
  @ApiOperation({
    summary: "Set a member of staff's job title (null clears it)",
    description: CHANGES_WHAT_LETTERS_SAY,
  })
  @ApiOkResponse({ type: TitlesDto, description: 'The titles, as now kept' })
  @ApiBadRequestResponse({ ...PROBLEM, description: 'A title that is not 1 to 120 characters' })
  @ApiNotFoundResponse({ ...PROBLEM, description: 'No such member of staff in your organisation' })
  setJobTitle(
    @Param('staffId') staffId: string,
    @Body() dto: SetTitleDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<TitlesDto> {
    if (staffId.length > 64)
      throw new RequestValidationException([{ field: 'staffId', reason: 'must be at most 64 characters' }]);
    return this.titles.setJobTitle(staffId, dto.title, staff);
  }
}
