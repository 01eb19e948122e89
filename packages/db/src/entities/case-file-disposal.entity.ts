import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RecordClass } from '@complaints/domain';

export type CaseFileDisposalStatus = 'due' | 'disposed';

/** What `dispose_case_file()` erased, counted per kind of record. */
export interface ErasedRecords {
  parties: number;
  issueTexts: number;
  timelineEvents: number;
  finalResponseVersions: number;
  investigationPlanVersions: number;
  equalityMonitoring: number;
  contactRestrictions: number;
  correspondence: number;
  letterPdfs: number;
  /** ADR 0019: a joint case's partners' contributions, the joint case itself, and its access links. */
  jointContributions?: number;
  jointCases?: number;
  accessLinks?: number;
}

/**
 * A case file found due for disposal by the retention review and, once a complaints manager approved it and
 * it was carried out, its disposal certificate: what was disposed of, when, under which rule, approved by
 * whom. Written by the retention review (found due) and by `dispose_case_file()` only; never removed.
 */
@Entity()
export class CaseFileDisposal {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  complaintReference!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  @Column({ type: 'varchar', length: 32 })
  recordClass!: RecordClass;

  /** The retention rule in words, e.g. `complaint-case-file: 10 years after closure (…)`. */
  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'int' })
  retentionYears!: number;

  @Column({ type: 'date' })
  closedOn!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'timestamptz' })
  foundAt!: Date;

  /** The retention review's workflow run that found it due. */
  @Column({ type: 'varchar', length: 200 })
  foundBy!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CaseFileDisposalStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disposedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  erased!: ErasedRecords | null;
}
