import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DelegableFunction } from '@complaints/domain';

/**
 * R-RESP-2 (ADR 0034): the Responsible Person delegates signing final responses to an authorised member of staff,
 * from one date until another (London dates, both included). Recorded by them or by a complaints manager for them;
 * ended early by setting `endedAt`, never deleted, so who could sign on a given day stays on the record.
 */
@Entity()
export class SignOffDelegation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  /** The Responsible Person who delegates. */
  @Column({ type: 'varchar', length: 64 })
  delegatedBy!: string;

  @Column({ type: 'varchar', length: 64 })
  delegateId!: string;

  @Column({ type: 'varchar', length: 32 })
  function!: DelegableFunction;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  endedBy!: string | null;
}
