import { Injectable, Logger } from '@nestjs/common';
import type { StaffPrincipal } from '@complaints/service-kit';

export interface SubjectAccessExportRecord {
  staff: StaffPrincipal;
  /** The complaints whose records were exported; never the person's details. */
  complaintReferences: string[];
  format: 'json' | 'pdf';
}

/**
 * The one place a subject-access export is recorded as an access to the case files it reads. It is to be
 * wired to the append-only access log (issue #14) when that lands; until then it writes a log line with
 * ids and references only.
 */
@Injectable()
export class ExportAccessRecorder {
  private readonly logger = new Logger('SubjectAccessExport');

  async recordSubjectAccessExport({ staff, complaintReferences, format }: SubjectAccessExportRecord) {
    this.logger.log(
      { staffId: staff.id, organisation: staff.organisationCode, complaintReferences, format },
      'subject-access export produced',
    );
  }
}
