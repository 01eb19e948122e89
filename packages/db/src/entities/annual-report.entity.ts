import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The narrative sections of an annual report, by section id. */
export type AnnualReportSections = Record<string, string>;

/**
 * Regulation 18 (R-MON-3; ADR 0031): one version of an organisation's annual report for a financial year. The
 * system drafts the narrative from the figures, a complaints manager edits it (each edit a new version), then the
 * complaints manager and the Responsible Person approve the latest version, in that order and as two people; only
 * an approved version is published, with the figures as they stood, and a published report is not edited again.
 */
@Entity()
@Unique(['organisationCode', 'year', 'version'])
export class AnnualReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  /** The financial year by name, e.g. `2025-26`. */
  @Column({ type: 'varchar', length: 7 })
  year!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  sections!: AnnualReportSections;

  /** Whether the system drafted this version from the figures (else a complaints manager edited it). */
  @Column({ type: 'boolean', default: false })
  drafted!: boolean;

  @Column({ type: 'varchar', length: 64 })
  editedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  editedAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  managerApprovedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  managerApprovedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  responsiblePersonApprovedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  responsiblePersonApprovedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  publishedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** The figures as published (the readable report's JSON), so the published report never changes. */
  @Column({ type: 'jsonb', nullable: true })
  publishedFigures!: Record<string, unknown> | null;
}
