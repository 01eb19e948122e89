// Only the complaints API commands a workflow (docs/adr/0012-temporal-locked-down.md): every Update must carry
// the API's signature over this workflow, this Update and its arguments, or its validator refuses it. Anyone
// else who reaches the Temporal frontend cannot sign off, withdraw or reopen a complaint in someone's name.
import { defaultPayloadConverter } from '@temporalio/common';
import {
  ApplicationFailure,
  workflowInfo,
  type Next,
  type UpdateInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import {
  COMMAND_SIGNATURE_HEADER,
  commandSignatureProblem,
  parseCommandVerificationKeys,
} from '@complaints/temporal';
import { COMMAND_NOT_AUTHENTICATED } from './refusal';

// Compiled into the bundle by the worker (withCommandVerificationKeys): code, so the same on every replay. A
// bundle built without keys trusts no command. Validators do not run on replay, so rotating keys is safe.
declare const __COMPLAINTS_COMMAND_VERIFICATION_KEYS__: string | undefined;
const TRUSTED_KEYS = parseCommandVerificationKeys(
  typeof __COMPLAINTS_COMMAND_VERIFICATION_KEYS__ === 'string'
    ? __COMPLAINTS_COMMAND_VERIFICATION_KEYS__
    : '',
);

class CommandSignatureCheck implements WorkflowInboundCallsInterceptor {
  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    const header = input.headers[COMMAND_SIGNATURE_HEADER];
    const info = workflowInfo();
    const problem = commandSignatureProblem(
      header ? defaultPayloadConverter.fromPayload(header) : undefined,
      {
        namespace: info.namespace,
        workflowId: info.workflowId,
        updateName: input.name,
        updateId: input.updateId,
        args: input.args as unknown[],
        issuedAt: Date.now(),
      },
      TRUSTED_KEYS,
    );
    if (problem)
      throw ApplicationFailure.create({
        type: COMMAND_NOT_AUTHENTICATED,
        message: problem,
        nonRetryable: true,
      });
    next(input);
  }
}

let installed = false;

/** The module's factory, as a worker's `interceptors.workflowModules` expects it. */
export const interceptors: WorkflowInterceptorsFactory = () => {
  installed = true;
  return { inbound: [new CommandSignatureCheck()] };
};

/**
 * Fails closed: on a worker that did not register this module, every workflow task fails (and is retried until a
 * worker that did takes it), rather than the workflow taking commands nobody checked.
 */
export function requireCommandSignatureCheck(): void {
  if (!installed)
    throw new Error(
      'this worker does not check command signatures: register @complaints/workflows/interceptors',
    );
}
