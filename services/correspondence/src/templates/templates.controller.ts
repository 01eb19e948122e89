import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { TemplateOverridesService } from './template-overrides.service';
import { OverrideDto, RevertOverrideQuery, SaveOverrideDto, TemplateCatalogueDto } from './templates.dto';
import { CASE_ROLES } from '@complaints/domain';

const PROBLEM = { description: 'RFC 9457 problem details (application/problem+json)' };

/** The letter templates, and each organisation's own versions of them (issue #5). */
@ApiTags('templates')
@ApiUnauthorizedResponse({ description: 'No valid staff token' })
@ApiForbiddenResponse({ description: 'Your roles do not allow this' })
@Controller('templates')
export class TemplatesController {
  constructor(private readonly overrides: TemplateOverridesService) {}

  @Get()
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary:
      "Every template (versions, facts, variants) and partial, with your organisation's overrides in use",
  })
  @ApiOkResponse({ type: TemplateCatalogueDto })
  catalogue(@CurrentStaff() staff: StaffPrincipal): Promise<TemplateCatalogueDto> {
    return this.overrides.catalogue(staff.organisationCode);
  }

  @Put(':name/override')
  @Roles('complaints-manager')
  @ApiOperation({
    summary: "Your organisation's own version of a template or partial: its body, its subject line, or both",
    description:
      'Replaces the override as a whole: a body, a subject line (a template only), or both; what is left out is the standard one. Tried before it is saved: each must compile in strict mode and print nothing unescaped (no `{{{ }}}`), a subject line must be one line, it must render for every policy profile with example data, and an override of the final response must keep every R-RESP-1 element. Each save is a new version, used in previews and when letters are sent; sent items record it.',
  })
  @ApiOkResponse({ type: OverrideDto })
  @ApiNotFoundResponse({ ...PROBLEM, description: 'No such template or partial' })
  @ApiUnprocessableEntityResponse({ ...PROBLEM, description: 'Refused: `errors` names the field and why' })
  save(
    @Param('name') name: string,
    @Body() request: SaveOverrideDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<OverrideDto> {
    return this.overrides.save(
      name,
      request.variant ?? 'standard',
      { body: request.body, subject: request.subject },
      staff,
    );
  }

  @Delete(':name/override')
  @HttpCode(204)
  @Roles('complaints-manager')
  @ApiOperation({ summary: 'Back to the standard template or partial (earlier versions are kept)' })
  @ApiNoContentResponse({ description: 'The standard is in use again' })
  @ApiNotFoundResponse({
    ...PROBLEM,
    description: 'No such template or partial, or no override of it in use',
  })
  async revert(
    @Param('name') name: string,
    @Query() query: RevertOverrideQuery,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<void> {
    await this.overrides.revert(name, query.variant ?? 'standard', staff);
  }
}
