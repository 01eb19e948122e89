import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { accessRequest, type CaseFileRequest } from '../case-file/case-file.decorator';
import {
  CloseThemeAlertDto,
  CreateThemeRuleDto,
  ThemeAlertDto,
  ThemeAlertQueryDto,
  ThemeRuleDto,
} from './dto/themes.dto';
import { ThemesService } from './themes.service';

/** R-MON-3: themes and alerts. The daily `theme-alerts` Schedule raises the alerts; these routes manage them. */
@ApiTags('monitoring')
@StaffApiResponses()
@ApiBadRequestResponse(PROBLEM)
@Controller('reports')
export class ThemesController {
  constructor(private readonly themes: ThemesService) {}

  @Post('theme-rules')
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Watch for a theme (R-MON-3)',
    description:
      "Each morning the worker raises one alert for each subject and service area the rule finds among complaints (not feedback or PALS enquiries), unless an alert for the same rule and theme is still open. A `within-days` rule (the default) looks back `withinDays` from the day for at least `threshold` complaints; a `rise-over-quarter` rule finds at least `threshold` in the financial quarter so far that are more than `risePercent` per cent above the same theme over the whole quarter before (the alert's window is the quarter so far).",
  })
  @ApiBody({
    type: CreateThemeRuleDto,
    examples: {
      'within-days': {
        summary: 'Three complaints about one subject and service within 30 days',
        value: {
          name: 'Three complaints about one subject and service within 30 days',
          threshold: 3,
          withinDays: 30,
        },
      },
      'rise-over-quarter': {
        summary: 'A theme up by more than half on the quarter before',
        value: {
          name: 'Up by half on the quarter before',
          kind: 'rise-over-quarter',
          threshold: 3,
          risePercent: 50,
        },
      },
    },
  })
  @ApiCreatedResponse({ type: ThemeRuleDto })
  createRule(@Body() dto: CreateThemeRuleDto, @CurrentStaff() staff: StaffPrincipal): Promise<ThemeRuleDto> {
    return this.themes.createRule(staff, dto);
  }

  @Get('theme-rules')
  @Roles('complaints-manager', 'senior-manager')
  @ApiOperation({ summary: "Your organisation's theme rules, retired ones included" })
  @ApiOkResponse({ type: [ThemeRuleDto] })
  rules(@CurrentStaff() staff: StaffPrincipal): Promise<ThemeRuleDto[]> {
    return this.themes.rules(staff);
  }

  @Post('theme-rules/:id/retirement')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({ summary: 'Stop watching for a theme; its alerts are kept' })
  @ApiOkResponse({ type: ThemeRuleDto })
  @ApiNotFoundResponse(PROBLEM)
  @ApiConflictResponse({ ...PROBLEM, description: 'Already retired' })
  retireRule(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ThemeRuleDto> {
    return this.themes.retireRule(staff, id);
  }

  @Get('theme-alerts')
  @Roles('complaints-manager', 'senior-manager')
  @ApiOperation({
    summary: 'Alerts raised for your themes (R-MON-3), open ones by default',
    description:
      'Complaints managers also get the references of the complaints in each theme, and that list is recorded in the access log; senior managers get the count.',
  })
  @ApiOkResponse({ type: [ThemeAlertDto] })
  alerts(
    @Query() query: ThemeAlertQueryDto,
    @CurrentStaff() staff: StaffPrincipal,
    @Req() request: CaseFileRequest,
  ): Promise<ThemeAlertDto[]> {
    return this.themes.alerts(staff, query, accessRequest(request, 'search', staff));
  }

  @Post('theme-alerts/:id/closure')
  @HttpCode(200)
  @Roles('complaints-manager')
  @ApiOperation({
    summary: 'Close an alert with what was done about the theme and the actions it led to (R-MON-3)',
  })
  @ApiOkResponse({ type: ThemeAlertDto })
  @ApiNotFoundResponse(PROBLEM)
  @ApiConflictResponse({ ...PROBLEM, description: 'Already closed' })
  closeAlert(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CloseThemeAlertDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ThemeAlertDto> {
    return this.themes.closeAlert(staff, id, dto);
  }
}
