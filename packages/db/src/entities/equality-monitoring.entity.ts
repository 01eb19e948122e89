import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EqualityAnswers } from '@complaints/domain';

/**
 * R-MON-1: the person's optional equality-monitoring answers, kept apart from the case record: never shown
 * with the complaint, only counted in reports.
 */
@Entity()
export class EqualityMonitoring {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  complaintReference!: string;

  @Column({ type: 'jsonb' })
  answers!: EqualityAnswers;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
