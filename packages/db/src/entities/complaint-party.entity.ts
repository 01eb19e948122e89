import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Complaint } from './complaint.entity';

/** Who a person is on a complaint (R-INT-2, R-INT-5). */
export const PARTY_ROLES = ['complainant', 'person-affected'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** R-INT-2: the complainant's relationship to the organisation. */
export const RELATIONSHIPS = [
  'patient',
  'carer',
  'relative',
  'representative',
  'trainee',
  'partner',
  'member-of-public',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** R-INT-5: consent of the person affected to a representative acting and seeing their information. */
export const CONSENT_STATUSES = ['given', 'pending', 'not-needed'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const CONSENT_NOT_NEEDED_REASONS = ['deceased', 'child', 'lacks-capacity'] as const;
export type ConsentNotNeededReason = (typeof CONSENT_NOT_NEEDED_REASONS)[number];

export interface PostalAddress {
  lines: string[];
  postcode: string;
}

/** A person on a complaint: personal data, kept only here (R-INT-8). */
@Entity()
export class ComplaintParty {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne('Complaint', 'parties', { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'complaint_id' })
  complaint!: Complaint;

  @Column({ type: 'varchar', length: 32 })
  role!: PartyRole;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  address!: PostalAddress | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  relationship!: Relationship | null;

  /** For the person affected when someone else complains for them (R-INT-5). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  consentStatus!: ConsentStatus | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  consentNotNeededReason!: ConsentNotNeededReason | null;
}
