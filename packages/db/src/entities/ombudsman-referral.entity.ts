import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OmbudsmanDecision, ReferralBody } from '@complaints/domain';

/**
 * R-RESP-3, regulation 18 (ADR 0031): the person took the complaint to the PHSO, the LGSCO or the CQC, on a date,
 * under the body's reference; later the body's decision and its date. The body's recommendations are actions on
 * the complaint's action plan (`case_action`, source `ombudsman`), so they are followed up as every action is.
 */
@Entity()
export class OmbudsmanReferral {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  complaintReference!: string;

  @Column({ type: 'varchar', length: 8 })
  body!: ReferralBody;

  /** London date the person referred the complaint (or the body told us it had). */
  @Column({ type: 'date' })
  referredOn!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  bodyReference!: string | null;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'varchar', length: 24, nullable: true })
  decision!: OmbudsmanDecision | null;

  @Column({ type: 'date', nullable: true })
  decidedOn!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decisionRecordedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decisionRecordedAt!: Date | null;
}
