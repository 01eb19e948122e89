import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { undoCaseTeamStep, type CaseTeamStep, type Complaint } from '@complaints/db';
import { DATA_SOURCE, type StaffPrincipal } from '@complaints/service-kit';
import type { RecordWrite } from './procedure-commands.service';

/**
 * R-INT-8: a command that names people (allocation, the clinical view, a sign-off, the six-month letter) puts
 * them on the case team as its record write, before its Update (ADR 0008), and takes them off again when the
 * workflow refuses the command.
 */
@Injectable()
export class CaseTeam {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  naming(
    complaint: Complaint,
    by: StaffPrincipal,
    step: 'allocation' | 'clinical-view' | 'sign-off' | 'six-month-letter',
    name: (manager: EntityManager, step: CaseTeamStep) => Promise<void>,
  ): RecordWrite<CaseTeamStep> {
    return {
      write: async () => {
        const named = { complaintId: complaint.id, namedIn: `${step}:${randomUUID()}`, namedBy: by.id };
        await this.dataSource.transaction((manager) => name(manager, named));
        return named;
      },
      undo: (named) => this.dataSource.transaction((manager) => undoCaseTeamStep(manager, named)),
    };
  }
}
