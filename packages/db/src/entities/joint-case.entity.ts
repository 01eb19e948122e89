import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LeadFactor } from '@complaints/domain';

/** A complaint handled under a joint protocol: which member leads, and why (R-JOINT-1). */
@Entity()
export class JointCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The lead's complaint on this system; one joint case per complaint. */
  @Column({ type: 'uuid', unique: true })
  complaintId!: string;

  @Column({ type: 'varchar', length: 32 })
  protocolCode!: string;

  @Column({ type: 'varchar', length: 8 })
  leadCode!: string;

  /** The member that received the complaint first. */
  @Column({ type: 'varchar', length: 8 })
  receivedByCode!: string;

  /** When the lead received it: the lead's procedure and clocks run from this date (R-JOINT-2). */
  @Column({ type: 'date' })
  leadReceivedOn!: string;

  /** The factors that decided the lead and the reasons recorded by whoever decided. */
  @Column({ type: 'jsonb' })
  leadDecision!: { decisive: LeadFactor[]; reasons: string; proposed?: string };

  @Column({ type: 'varchar', length: 64 })
  decidedBy!: string;

  /** Complex cases get a co-ordination meeting or call (R-JOINT-3). */
  @Column({ type: 'boolean', default: false })
  complex!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
