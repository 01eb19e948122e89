import { randomUUID } from 'node:crypto';
import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowStartUpdateInput,
  WorkflowStartUpdateOutput,
} from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { base64UrlToBytes, COMMAND_SIGNATURE_HEADER, signCommand } from '../command-signature';

/**
 * Signs every Update this client sends (the complaints API's staff commands), binding the signature to the
 * namespace, workflow, Update name, Update ID and arguments. The workflow refuses an Update without it.
 */
export class CommandSigningInterceptor implements WorkflowClientInterceptor {
  private readonly privateKey: Uint8Array;

  /**
   * @param signingKey the Ed25519 private key (32 bytes, base64url: COMMAND_SIGNING_KEY)
   * @param now the signer's clock; tests on the time-skipping server pass the server's
   */
  constructor(
    signingKey: string,
    private readonly namespace: string,
    private readonly now: () => number | Promise<number> = Date.now,
  ) {
    this.privateKey = base64UrlToBytes(signingKey);
    if (this.privateKey.length !== 32) throw new Error('the command signing key must be 32 bytes, base64url');
  }

  async startUpdate(
    input: WorkflowStartUpdateInput,
    next: Next<WorkflowClientInterceptor, 'startUpdate'>,
  ): Promise<WorkflowStartUpdateOutput> {
    const updateId = input.options.updateId ?? randomUUID();
    const signature = signCommand(this.privateKey, {
      namespace: this.namespace,
      workflowId: input.workflowExecution.workflowId,
      updateName: input.updateName,
      updateId,
      args: input.args,
      issuedAt: await this.now(),
    });
    return next({
      ...input,
      options: { ...input.options, updateId },
      headers: { ...input.headers, [COMMAND_SIGNATURE_HEADER]: defaultPayloadConverter.toPayload(signature) },
    });
  }
}
