import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Roles of procedure §7; a user may hold several. */
export const STAFF_ROLES = [
  'responsible-person',
  'senior-manager',
  'complaints-manager',
  'handler',
  'complaint-lead',
  'staff',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that consider complaints and so may read their records (R-INT-8); `staff` alone may not. */
export const CASE_ROLES = [
  'handler',
  'complaints-manager',
  'complaint-lead',
  'senior-manager',
  'responsible-person',
] as const satisfies readonly StaffRole[];

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
