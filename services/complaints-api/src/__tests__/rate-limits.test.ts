// Recording a complaint starts a workflow and sends letters: intake is on its own, tighter budget
// (RATE_LIMIT_INTAKE_PER_MINUTE), which service-kit's hardening test exercises.
import { rateLimitKindOf } from '@complaints/service-kit';
import { IntakeController } from '../intake/intake.controller';

it('puts POST /complaints on the intake budget', () => {
  expect(rateLimitKindOf(IntakeController.prototype.create)).toBe('intake');
});
