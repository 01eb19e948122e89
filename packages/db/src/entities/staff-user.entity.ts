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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
