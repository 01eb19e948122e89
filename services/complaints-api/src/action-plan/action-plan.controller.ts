import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Complaint } from '@complaints/db';
import { CurrentStaff, Roles, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM, REFUSED, StaffApiResponses } from '../case-file/api-responses';
import { CaseFile } from '../case-file/case-file.decorator';
import {
  PlanActionDto,
  CancelActionDto,
  CompleteActionDto,
  CompletedLearningReviewDto,
  LearningReviewDto,
  RecordedLearningDto,
  RecordCaseLearningDto,
} from './action-plan.dto';
import { ActionPlanService } from './action-plan.service';

const ACTION_ID = {
  name: 'actionId',
  description: 'The action id on the action plan: `action-1` (promised), `learning-1` (from learning)',
  example: 'action-1',
};

/** R-MON-1, R-RESP-4: the learning of every case and its action plan, each action followed to the end (ADR 0024). */
@ApiTags('learning and actions')
@StaffApiResponses()
@ApiBadRequestResponse({ ...PROBLEM, description: 'A field is missing or invalid: `errors` names each' })
@ApiNotFoundResponse({
  ...PROBLEM,
  description: 'No such complaint open to you, or no such action on its plan',
})
@Controller('complaints')
export class ActionPlanController {
  constructor(private readonly plans: ActionPlanService) {}

  @Post(':reference/learning')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Record what the case taught, and any actions it leads to (R-MON-1, R-MON-3)',
    description:
      'On any complaint, feedback or PALS enquiry, at any stage, closed or not (an early resolution too). Each action names an owner among the active staff of your organisation (who joins the case team) and a due date, and joins the action plan as `learning-<n>`; once past its date it is reminded to its owner, and a week on escalated to the senior managers. Shown on the complaint and counted in the reports.',
  })
  @ApiCreatedResponse({ type: RecordedLearningDto, description: 'The learning, with the actions it added' })
  recordLearning(
    @CaseFile() complaint: Complaint,
    @Body() dto: RecordCaseLearningDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<RecordedLearningDto> {
    return this.plans.recordLearning(complaint, dto, staff);
  }

  @Post(':reference/learning-review')
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Close an anonymous complaint with its learning review: the outcome and the learning (R-INT-4)',
    description:
      "An anonymous complaint is looked into for learning, and nothing is sent to anyone. The review records what it taught (and any actions, as `POST …/learning` does) and what it found: upheld, partially upheld or not upheld, which becomes the complaint's outcome in the reports; then the complaint closes (`learning-reviewed`). A complaint that is not anonymous, or is closed, is refused (409, R-INT-4).",
  })
  @ApiCreatedResponse({
    type: CompletedLearningReviewDto,
    description: 'The learning, its actions and the outcome',
  })
  @ApiConflictResponse({ ...REFUSED, description: 'Not an anonymous complaint, or already closed' })
  reviewAnonymous(
    @CaseFile() complaint: Complaint,
    @Body() dto: LearningReviewDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CompletedLearningReviewDto> {
    return this.plans.reviewAnonymous(complaint, dto, staff);
  }

  @Post(':reference/actions/:actionId/completion')
  @HttpCode(200)
  @ApiOperation({
    summary: 'An action of the plan is done, with the evidence (R-RESP-4, R-MON-1)',
    description:
      "The action's owner completes it; the handler or a complaints manager may for them (403 for anyone else who may open the complaint). The evidence is required. For an action promised in the final response the complaint process is told too: the person gets a letter naming the action while others are still to be done, and when the last promised action is done, a letter that every action is done, and the complaint closes.",
  })
  @ApiParam(ACTION_ID)
  @ApiOkResponse({ type: PlanActionDto, description: 'The action, done' })
  @ApiConflictResponse({ ...REFUSED, description: 'Already done or cancelled, or refused by the procedure' })
  completeAction(
    @CaseFile() complaint: Complaint,
    @Param('actionId') actionId: string,
    @Body() dto: CompleteActionDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<PlanActionDto> {
    return this.plans.completeAction(complaint, actionId, dto.evidence, staff);
  }

  @Post(':reference/actions/:actionId/cancellation')
  @HttpCode(200)
  @Roles('handler', 'complaints-manager')
  @ApiOperation({
    summary: 'Cancel an action the learning led to, with the reason (R-MON-1)',
    description:
      'An action promised in the final response cannot be cancelled: the person stays involved until it is carried out (409, R-RESP-4).',
  })
  @ApiParam({ ...ACTION_ID, example: 'learning-1' })
  @ApiOkResponse({ type: PlanActionDto, description: 'The action, cancelled' })
  @ApiConflictResponse({ ...REFUSED, description: 'Promised in the response, or already done or cancelled' })
  cancelAction(
    @CaseFile() complaint: Complaint,
    @Param('actionId') actionId: string,
    @Body() dto: CancelActionDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<PlanActionDto> {
    return this.plans.cancelAction(complaint, actionId, dto.reason, staff);
  }
}
