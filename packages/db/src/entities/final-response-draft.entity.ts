import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FinalResponseContent } from '@complaints/domain';

/**
 * One saved version of a complaint's final response (R-RESP-1), append-only: each save is a new version,
 * and the workflow approves and sends a pinned version. Its words are personal data and never leave Postgres.
 */
@Entity()
@Index(['complaintReference', 'version'], { unique: true })
export class FinalResponseDraft {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  complaintReference!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  content!: FinalResponseContent;

  /** HPFT: the Chief Executive's cover letter, approved with the response (R-RESP-2). */
  @Column({ type: 'text', nullable: true })
  coverLetter!: string | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
