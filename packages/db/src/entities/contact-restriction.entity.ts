import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContactLimit, DecisionRole, PersistentBehaviour } from '@complaints/domain';

export type ContactRestrictionStatus = 'proposed' | 'approved' | 'lifted';

/**
 * R-PERS-1: limits on how a person makes contact, decided on one complaint (by the managing director, the
 * clinical team and the complaints lead), approved by the deputy chief executive, and reviewed. Matched to
 * the person by email so a new complaint of theirs shows the limits — and is handled all the same.
 */
@Entity()
export class ContactRestriction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  complaintReference!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  personEmail!: string | null;

  @Column({ type: 'text', array: true })
  behaviours!: PersistentBehaviour[];

  @Column({ type: 'text', array: true })
  limits!: ContactLimit[];

  /** Staff ids of who took the decision with the complaints lead. */
  @Column({ type: 'text', array: true })
  decidedWith!: string[];

  /** Who took the decision with the complaints lead, each in their role (empty on decisions recorded before roles). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  decidedBy!: { staffId: string; role: DecisionRole }[];

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'date' })
  reviewOn!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ContactRestrictionStatus;

  @Column({ type: 'varchar', length: 64 })
  proposedBy!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  /** The title in which it was approved (the deputy chief executive, or the organisation's title for them). */
  @Column({ type: 'text', nullable: true })
  approvedAs!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
