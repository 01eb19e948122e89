import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import { Complaint, Organisation } from '@complaints/db';
import { TEMPORAL_CLIENT, DATA_SOURCE } from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';
import { COMPLAINT_LIFECYCLE, type ComplaintLifecycleInput } from '@complaints/workflows/messages';

/** The workflow input of a complaint: references and process facts only (R-INT-8). */
export function lifecycleInputFor(complaint: Complaint, organisation: Organisation): ComplaintLifecycleInput {
  return {
    reference: complaint.reference,
    organisationCode: complaint.organisationCode,
    profile: { id: complaint.profileId, version: complaint.profileVersion },
    calendar: { nation: organisation.nation, closureDays: organisation.closureDays },
    receivedOn: complaint.receivedOn,
    kind: complaint.kind,
    anonymous: complaint.anonymous,
    channel: complaint.channel,
  };
}

/**
 * Starts a complaint's workflow (ID = reference) and marks the outbox row done. Safe to repeat: a workflow
 * that already exists counts as started, so the intake path and the outbox relay can race harmlessly.
 */
@Injectable()
export class ComplaintWorkflowStarter {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async start(complaint: Complaint, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const organisation = await manager
      .getRepository(Organisation)
      .findOneByOrFail({ code: complaint.organisationCode });
    try {
      await this.temporal.workflow.start(COMPLAINT_LIFECYCLE, {
        workflowId: complaint.reference,
        taskQueue: TASK_QUEUES.complaints,
        args: [lifecycleInputFor(complaint, organisation)],
        memo: {
          profile: `${complaint.profileId}@${complaint.profileVersion}`,
          receivedOn: complaint.receivedOn,
        },
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await manager.getRepository(Complaint).update({ id: complaint.id }, { workflowStartedAt: new Date() });
  }
}
