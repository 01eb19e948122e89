import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Break-glass (R-INT-8): a complaints manager lets someone off the case team open one complaint, for a reason, until a time. */
@Entity()
export class AccessGrant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'varchar', length: 64 })
  staffId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 64 })
  grantedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  revokedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
