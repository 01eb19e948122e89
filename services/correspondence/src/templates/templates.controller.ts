import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentStaff, ProblemException, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { TemplateOverridesService } from './template-overrides.service';
import {
  ApproveOverrideDto,
  DecideOverrideDto,
  OverrideVersionDto,
  OverrideVersionQuery,
  RevertOverrideQuery,
  SaveOverrideDto,
  SideBySideDto,
  TemplateCatalogueDto,
} from './templates.dto';
import { CASE_ROLES } from '@complaints/domain';

const PROBLEM = { description: 'RFC 9457 problem details (application/problem+json)' };

/** Who may approve or reject a colleague's proposal (issue #14): never its author. */
const DECIDERS = ['complaints-manager', 'senior-manager'] as const;

/** Version numbers in a path: 1 up to what the column holds; anything else is a 400 naming the version. */
const VERSION = new ParseIntPipe({
  exceptionFactory: () =>
    new ProblemException({
      status: 400,
      title: 'Bad request',
      errors: [{ field: 'version', reason: 'must be a whole number from 1' }],
    }),
});

function checkedVersion(version: number): number {
  if (version < 1 || version > 2_147_483_647)
    throw new ProblemException({
      status: 400,
      title: 'Bad request',
      errors: [{ field: 'version', reason: 'must be a whole number from 1 to 2147483647' }],
    });
  return version;
}

/**
 * The letter templates, and each organisation's own versions of them (issue #5), under the two-person rule
 * (issue #14, ADR 0014): proposed by a complaints manager, used only once a second complaints manager or senior
 * manager approves it beside the standard letter, reverted in one command.
 */
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
    summary:
      "Proposes your organisation's own version of a template or partial: its body, its subject line, or both",
    description:
      "Proposes the override as a whole: a body, a subject line (a template only), or both; what is left out is the standard one. Tried before it is saved: each must compile in strict mode and be safe (nothing unescaped, no `{{log}}`, `lookup`, inline or dynamic partials, no images, frames, scripts, remote CSS, no link or website outside the allowed hosts); a subject line must be one line and print the reference; it must render for every policy profile with example data, and each letter must still say everything its template's `mustSay` lists (GET /templates): the reference, the date, the letterhead and contact, the signatory, the letter's own content, and where it carries a decision the Ombudsman route with its fixed details. The Ombudsman partials cannot be overridden. Each proposal is a new version, `proposed`: letters keep the standard (or the override in use) until a second complaints manager or senior manager approves it.",
  })
  @ApiOkResponse({ type: OverrideVersionDto })
  @ApiNotFoundResponse({ ...PROBLEM, description: 'No such template or partial' })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description:
      'Refused: `errors` lists each problem, naming the field (and `element`, what the letter would no longer say)',
  })
  propose(
    @Param('name') name: string,
    @Body() request: SaveOverrideDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<OverrideVersionDto> {
    return this.overrides.propose(
      name,
      request.variant ?? 'standard',
      { body: request.body, subject: request.subject },
      staff,
    );
  }

  @Get(':name/override/versions')
  @Roles(...DECIDERS)
  @ApiOperation({
    summary:
      'Every version of the override, newest first: who proposed, approved, rejected or reverted it, and when',
  })
  @ApiOkResponse({ type: [OverrideVersionDto] })
  @ApiNotFoundResponse({ ...PROBLEM, description: 'No such template or partial' })
  versions(
    @Param('name') name: string,
    @Query() query: OverrideVersionQuery,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<OverrideVersionDto[]> {
    return this.overrides.versions(name, query.variant ?? 'standard', staff);
  }

  @Get(':name/override/versions/:version/side-by-side')
  @Roles(...DECIDERS)
  @ApiOperation({
    summary:
      'A version rendered beside the standard letter, for sample facts, to look at before approving it',
    description:
      "Both renderings use your organisation's profile and the same sample facts (no complaint's data). A partial is shown in the acknowledgement. `renderingDigest` names the two renderings: an approval gives it back.",
  })
  @ApiOkResponse({ type: SideBySideDto })
  @ApiNotFoundResponse({ ...PROBLEM, description: 'No such template, partial or version' })
  @ApiConflictResponse({ ...PROBLEM, description: 'The version is a revert: it has nothing to show' })
  sideBySide(
    @Param('name') name: string,
    @Param('version', VERSION) version: number,
    @Query() query: OverrideVersionQuery,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<SideBySideDto> {
    return this.overrides.sideBySide(name, query.variant ?? 'standard', checkedVersion(version), staff);
  }

  @Post(':name/override/versions/:version/approval')
  @HttpCode(200)
  @Roles(...DECIDERS)
  @ApiOperation({
    summary: "Approves a colleague's proposal, after its side-by-side: from now on letters use it",
    description:
      'The two-person rule: the author cannot approve their own proposal (403). It is tried again with the overrides in use now (422 if it no longer passes), and `renderingDigest` must be that of its side-by-side as it renders now (422 naming `renderingDigest` otherwise).',
  })
  @ApiOkResponse({ type: OverrideVersionDto })
  @ApiNotFoundResponse({ ...PROBLEM, description: 'No such template, partial or version' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Already decided, superseded, or a revert' })
  @ApiUnprocessableEntityResponse({ ...PROBLEM, description: 'Refused: `errors` names the field and why' })
  approve(
    @Param('name') name: string,
    @Param('version', VERSION) version: number,
    @Body() request: ApproveOverrideDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<OverrideVersionDto> {
    return this.overrides.approve(
      name,
      request.variant ?? 'standard',
      checkedVersion(version),
      request.renderingDigest,
      staff,
    );
  }

  @Post(':name/override/versions/:version/rejection')
  @HttpCode(200)
  @Roles(...DECIDERS)
  @ApiOperation({ summary: "Rejects a colleague's proposal: it is kept, and never used" })
  @ApiOkResponse({ type: OverrideVersionDto })
  @ApiNotFoundResponse({ ...PROBLEM, description: 'No such template, partial or version' })
  @ApiConflictResponse({ ...PROBLEM, description: 'Already decided, superseded, or a revert' })
  reject(
    @Param('name') name: string,
    @Param('version', VERSION) version: number,
    @Body() request: DecideOverrideDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<OverrideVersionDto> {
    return this.overrides.reject(name, request.variant ?? 'standard', checkedVersion(version), staff);
  }

  @Delete(':name/override')
  @HttpCode(204)
  @Roles(...DECIDERS)
  @ApiOperation({
    summary: 'Back to the standard template or partial at once, in one command (earlier versions are kept)',
    description:
      'Needs no second person: the standard is the reviewed letter. Recorded as a version (`reverted`) with who and when; open proposals are superseded.',
  })
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
