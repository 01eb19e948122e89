import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  CurrentStaff,
  RequestValidationException,
  Roles,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { RecordDelegationDto, SignOffDelegationDto } from './sign-off-delegation.dto';
import { SignOffDelegations } from './sign-off-delegation.service';

/** R-RESP-2 (ADR 0034): the Responsible Person's delegations of signing final responses. */
@ApiTags('final response')
@StaffApiResponses()
@Controller('sign-off-delegations')
export class SignOffDelegationController {
  constructor(private readonly delegations: SignOffDelegations) {}

  @Post()
  @Roles('responsible-person', 'complaints-manager')
  @ApiOperation({
    summary: 'Record that the Responsible Person delegates signing final responses (R-RESP-2)',
    description:
      'Who delegates (the Responsible Person: you, or named by the complaints manager recording it for them), to whom (an active senior manager), for what (`final-response-sign-off`), from and until (London dates, both included, at most a year). While it is current the delegate signs final responses "on behalf of" the Responsible Person, the letter names them, and they are sent the "Approval needed" emails the Responsible Person gets for final responses. A delegate holds one delegation for a function at a time: one overlapping another not ended is refused (409). Bad input is a 400 problem whose `errors` name each field and why.',
  })
  @ApiCreatedResponse({ type: SignOffDelegationDto, description: 'The delegation, as recorded' })
  @ApiBadRequestResponse({ ...PROBLEM, description: 'A field is missing or invalid: `errors` names each' })
  @ApiConflictResponse({
    ...REFUSED,
    description:
      'The delegate already holds a delegation for the same function over some of those days, not ended: end it first',
  })
  record(
    @Body() dto: RecordDelegationDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<SignOffDelegationDto> {
    return this.delegations.record(dto, staff);
  }

  @Get()
  @Roles('responsible-person', 'complaints-manager', 'senior-manager')
  @ApiOperation({ summary: "Your organisation's delegations of sign-off, newest first (R-RESP-2)" })
  @ApiQuery({
    name: 'current',
    required: false,
    type: Boolean,
    description: 'Only those the delegate may sign under today',
  })
  @ApiOkResponse({ type: [SignOffDelegationDto] })
  @ApiBadRequestResponse({ ...PROBLEM, description: '`current` is not true or false' })
  list(
    @CurrentStaff() staff: StaffPrincipal,
    @Query('current') current?: unknown,
  ): Promise<SignOffDelegationDto[]> {
    if (current !== undefined && current !== 'true' && current !== 'false')
      throw new RequestValidationException([{ field: 'current', reason: 'must be true or false' }]);
    return this.delegations.list(staff, current === 'true');
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('responsible-person', 'complaints-manager')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The delegation, as recorded' })
  @ApiOperation({
    summary: 'End a delegation now, before its last day (R-RESP-2)',
    description:
      'The delegate can no longer sign; what they signed while it was current stands. It stays on the record.',
  })
  @ApiOkResponse({ type: SignOffDelegationDto, description: 'The delegation, ended' })
  @ApiNotFoundResponse({ ...PROBLEM, description: 'No such delegation in your organisation' })
  @ApiConflictResponse({ ...REFUSED, description: 'Already ended, or already past its last day' })
  end(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<SignOffDelegationDto> {
    return this.delegations.end(id, staff);
  }
}
