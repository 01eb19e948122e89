import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { recordAccess } from '@complaints/db';
import { DATA_SOURCE, type StaffPrincipal } from '@complaints/service-kit';

export interface SubjectAccessExportRecord {
  staff: StaffPrincipal;
  /** The complaints whose records were exported; never the person's details. */
  complaintReferences: string[];
  format: 'json' | 'pdf';
  requestId?: string | null;
}

/**
 * A subject-access export reads case files without opening them through the case-file door, so it is
 * recorded here in the access log (ADR 0011): an export of each complaint it drew on, and the search itself
 * with the references it returned, so an export that found nothing is on the record too.
 */
@Injectable()
export class ExportAccessRecorder {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async recordSubjectAccessExport({
    staff,
    complaintReferences,
    format,
    requestId,
  }: SubjectAccessExportRecord) {
    const resource = `POST /subject-access/exports${format === 'pdf' ? '/pdf' : ''}`;
    const basis = 'subject-access-request';
    await this.dataSource.transaction(async (manager) => {
      await recordAccess(
        manager,
        { staff, action: 'search', resource, requestId },
        {
          complaintReference: null,
          outcome: 'allowed',
          basis,
          purpose: null,
          references: complaintReferences,
        },
      );
      for (const complaintReference of complaintReferences)
        await recordAccess(
          manager,
          { staff, action: 'export', resource, requestId },
          { complaintReference, outcome: 'allowed', basis, purpose: null },
        );
    });
  }
}
