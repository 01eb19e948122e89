import type { PartnerOrganisation } from '../entities/partner-organisation.entity';
import type { PartnerUser } from '../entities/partner-user.entity';
import type { CareType, PartnerKind } from '@complaints/domain';

/** The Hertfordshire Joint Protocol (HPFT Appendix 4; procedure §6). Contacts and timescales are demo values. */
export const HERTFORDSHIRE_PROTOCOL = { code: 'hertfordshire', name: 'Hertfordshire Joint Protocol' };

type Member = Pick<
  PartnerOrganisation,
  | 'code'
  | 'protocolCode'
  | 'name'
  | 'kind'
  | 'care'
  | 'complaintsManager'
  | 'deputy'
  | 'ownTimescales'
  | 'organisationCode'
  | 'onSystem'
  | 'takesPart'
>;

const member = (
  code: string,
  name: string,
  kind: PartnerKind,
  care: CareType,
  responseWorkingDays: number,
  options: Partial<Pick<Member, 'organisationCode' | 'onSystem' | 'takesPart'>> = {},
): Member => {
  const domain = `${code.toLowerCase()}.demo`;
  return {
    code,
    protocolCode: HERTFORDSHIRE_PROTOCOL.code,
    name,
    kind,
    care,
    complaintsManager: { name: `Complaints Manager (${code})`, email: `complaints-manager@${domain}` },
    deputy: { name: `Deputy Complaints Manager (${code})`, email: `deputy@${domain}` },
    ownTimescales: { acknowledgementWorkingDays: 3, responseWorkingDays },
    organisationCode: options.organisationCode ?? null,
    onSystem: options.onSystem ?? false,
    takesPart: options.takesPart ?? true,
  };
};

export const HERTFORDSHIRE_MEMBERS: Member[] = [
  member('ENHT', 'East and North Hertfordshire NHS Trust', 'nhs-trust', 'health', 25, { onSystem: true }),
  member('HWEICB', 'Hertfordshire and West Essex Integrated Care Board', 'icb', 'health', 40, {
    organisationCode: 'HWEICB',
    onSystem: true,
  }),
  member('EEAST', 'East of England Ambulance Service NHS Trust', 'ambulance', 'health', 25),
  member('HCT', 'Hertfordshire Community NHS Trust', 'community', 'health', 25),
  member(
    'HCCACS',
    'Hertfordshire County Council Adult Care Services',
    'council-adult-care',
    'social-care',
    20,
    {
      onSystem: true,
    },
  ),
  member('CGL', 'Spectrum / Change Grow Live', 'charity-hospice', 'health', 20),
  member('HPFT', 'Hertfordshire Partnership University NHS Foundation Trust', 'nhs-trust', 'health', 35, {
    organisationCode: 'HPFT',
    onSystem: true,
  }),
  member('ISABEL', 'Isabel Hospice', 'charity-hospice', 'health', 20),
  member('HUC', 'Herts Urgent Care', 'community', 'health', 20),
  member('WHTH', 'West Hertfordshire Teaching Hospitals NHS Trust', 'nhs-trust', 'health', 25),
  member('NHSE', 'NHS England', 'nhs-england', 'health', 40),
  // The advocacy service people are signposted to; never a partner in a response.
  member('POHWER', 'POhWER (NHS complaints advocacy)', 'advocacy', 'health', 0, { takesPart: false }),
];

/**
 * Demo partner users: the complaints manager and deputy of the council, of one trust, and of HPFT, which
 * co-operates through the partner API when its commissioner handles a complaint itself (R-JOINT-8).
 */
export const DEMO_PARTNER_USERS: Pick<
  PartnerUser,
  'id' | 'partnerCode' | 'displayName' | 'email' | 'role'
>[] = ['HCCACS', 'ENHT', 'HPFT'].flatMap((code) => [
  {
    id: `partner-${code.toLowerCase()}-complaints-manager`,
    partnerCode: code,
    displayName: `Complaints Manager (${code})`,
    email: `complaints-manager@${code.toLowerCase()}.demo`,
    role: 'complaints-manager' as const,
  },
  {
    id: `partner-${code.toLowerCase()}-deputy`,
    partnerCode: code,
    displayName: `Deputy Complaints Manager (${code})`,
    email: `deputy@${code.toLowerCase()}.demo`,
    role: 'deputy' as const,
  },
]);
