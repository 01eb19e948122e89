import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CareType, PartnerKind } from '@complaints/domain';

export interface PartnerContact {
  name: string;
  email: string;
  telephone?: string;
}

/** A member of a joint protocol, with whom its complaints team is reached and the timescales it keeps itself. */
@Entity()
export class PartnerOrganisation {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code!: string;

  @Column({ type: 'varchar', length: 32 })
  protocolCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: PartnerKind;

  /** Health care (PHSO) or social care (LGSCO). */
  @Column({ type: 'varchar', length: 16 })
  care!: CareType;

  @Column({ type: 'jsonb' })
  complaintsManager!: PartnerContact;

  /** Acts when the complaints manager is absent (protocol 3.1). */
  @Column({ type: 'jsonb', nullable: true })
  deputy!: PartnerContact | null;

  /** The member's own timescales, against which a partner records reasons for any variation (R-JOINT-4). */
  @Column({ type: 'jsonb' })
  ownTimescales!: { acknowledgementWorkingDays: number; responseWorkingDays: number };

  /** The organisation on this system that this member is, when it handles its own complaints here (e.g. HPFT). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  organisationCode!: string | null;

  /** Whether its staff sign in here (partner users); a member not on the system works through access links. */
  @Column({ type: 'boolean', default: false })
  onSystem!: boolean;

  /** False for a service the protocol signposts people to (POhWER advocacy) rather than a partner in responses. */
  @Column({ type: 'boolean', default: true })
  takesPart!: boolean;
}
