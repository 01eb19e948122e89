import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AccessLinkPurpose } from '@complaints/domain';

/**
 * A secret link for someone with no account: a partner not on the system working on its part of one case,
 * or the person who complained following their complaint. Only the token's SHA-256 is kept.
 */
@Entity()
export class AccessLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bytea', unique: true, select: false })
  tokenHash!: Buffer;

  @Column({ type: 'varchar', length: 32 })
  purpose!: AccessLinkPurpose;

  @Column({ type: 'uuid' })
  complaintId!: string;

  /** For a partner's link: the member it acts for. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  partnerCode!: string | null;

  /** A single-use link is spent by its first redemption. */
  @Column({ type: 'boolean' })
  singleUse!: boolean;

  @Column({ type: 'varchar', length: 64 })
  issuedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  revokedBy!: string | null;
}
