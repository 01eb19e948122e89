import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PartnerUserRole } from '@complaints/domain';

/** A partner organisation's complaints manager or deputy who signs in to the joint-protocol service. */
@Entity()
export class PartnerUser {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  partnerCode!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: PartnerUserRole;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** The identity provider's subject for this person; null until linked. */
  @Column({ type: 'text', nullable: true, unique: true })
  identitySubject!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
