import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { StaffRole } from '@complaints/domain';

/** A member of an organisation's staff who uses the internal API. */
@Entity()
export class StaffUser {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  organisationCode!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ type: 'text', array: true })
  roles!: StaffRole[];

  /** Their job title, as letters they sign name it (R-RESP-2) and as R-PERS-1's approving role is held; null when unset. */
  @Column({ type: 'text', nullable: true })
  jobTitle!: string | null;

  /** Only an active member of staff can sign in; leavers are disabled, never deleted (the record names them). */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** The identity provider's subject for this person (NHS CIS2 UUID, Entra ID object id); null until linked. */
  @Column({ type: 'text', nullable: true, unique: true })
  identitySubject!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
