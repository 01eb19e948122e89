import type { DataSource } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import { StaffUser } from '../entities/staff-user.entity';
import { type StaffRole } from '@complaints/domain';
import { JointProtocol } from '../entities/joint-protocol.entity';
import { PartnerOrganisation } from '../entities/partner-organisation.entity';
import { PartnerUser } from '../entities/partner-user.entity';
import {
  DEMO_PARTNER_USERS,
  HERTFORDSHIRE_MEMBERS,
  HERTFORDSHIRE_PROTOCOL,
} from './hertfordshire-joint-protocol';

type DemoOrganisation = Pick<
  Organisation,
  'code' | 'name' | 'profileId' | 'profileVersion' | 'nation' | 'closureDays' | 'letterhead'
> &
  Partial<Pick<Organisation, 'roleTitles'>>;

/** One organisation per policy profile of procedure §9, and the ICB that commissions HPFT. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    code: 'NCT',
    name: 'Northfield Community NHS Trust',
    profileId: 'phso-model',
    profileVersion: 1,
    nation: 'england-and-wales',
    closureDays: [],
    letterhead: {
      addressLines: ['Northfield House', '1 Market Street', 'Northfield NF1 1AA'],
      telephone: '01632 960000',
      email: 'complaints@northfield.nhs.example',
    },
  },
  {
    code: 'HPFT',
    name: 'Hertfordshire Partnership University NHS Foundation Trust',
    // HPFT's Responsible Person is its Chief Executive (HPFT 2.1).
    roleTitles: { 'responsible-person': 'Chief Executive' },
    profileId: 'hpft',
    profileVersion: 1,
    nation: 'england-and-wales',
    closureDays: [],
    letterhead: {
      addressLines: ['The Colonnades', 'Beaconsfield Close', 'Hatfield AL10 8YE'],
      telephone: '01707 253916',
      email: 'hpft.complaints@nhs.example',
    },
  },
  {
    code: 'ITRUST',
    name: 'iTrust Centres',
    profileId: 'itrust',
    profileVersion: 1,
    nation: 'england-and-wales',
    closureDays: [],
    letterhead: {
      addressLines: ['iTrust Centres', '10 Clinic Road', 'London W1A 1AA'],
      telephone: '020 7946 0000',
      email: 'complaints@itrust.example',
    },
  },
  {
    code: 'CWTH',
    name: 'Coventry and Warwickshire Training Hub',
    profileId: 'cwth',
    profileVersion: 1,
    nation: 'england-and-wales',
    closureDays: [],
    letterhead: {
      addressLines: ['Coventry and Warwickshire Training Hub', 'Coventry CV1 1AA'],
      email: 'cwth.complaints@nhs.example',
    },
  },
  // The commissioner of HPFT's services, on the PHSO model procedure like every ICB: it handles some complaints
  // about its providers itself, the provider co-operating as a partner (R-JOINT-8, PHSO model 12.3).
  {
    code: 'HWEICB',
    name: 'Hertfordshire and West Essex Integrated Care Board',
    profileId: 'phso-model',
    profileVersion: 1,
    nation: 'england-and-wales',
    closureDays: [],
    letterhead: {
      addressLines: ['Hertfordshire and West Essex ICB', 'The Forum', 'Hemel Hempstead HP1 1DN'],
      telephone: '01707 685000',
      email: 'hweicb.complaints@nhs.example',
    },
  },
];

const ROLE_USERS: { id: string; displayName: string; jobTitle: string | null; roles: StaffRole[] }[] = [
  {
    id: 'responsible-person',
    displayName: 'Chief Executive',
    jobTitle: 'Chief Executive',
    roles: ['responsible-person', 'senior-manager'],
  },
  {
    id: 'senior-manager',
    displayName: 'Director of Nursing',
    jobTitle: 'Director of Nursing',
    roles: ['senior-manager'],
  },
  {
    id: 'complaints-manager',
    displayName: 'Complaints Manager',
    jobTitle: 'Complaints Manager',
    roles: ['complaints-manager', 'handler'],
  },
  { id: 'handler', displayName: 'Complaint Handler', jobTitle: null, roles: ['handler'] },
  { id: 'complaint-lead', displayName: 'Complaint Lead', jobTitle: null, roles: ['complaint-lead'] },
  { id: 'staff', displayName: 'Ward Staff', jobTitle: null, roles: ['staff'] },
];

/** HPFT's senior manager is its Deputy Chief Executive, who approves limits on contact (R-PERS-1, HPFT 9.3). */
const OWN_TITLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  HPFT: { 'senior-manager': 'Deputy Chief Executive' },
};

/** Demo users `<role>@<org>.demo` (e.g. `handler@hpft.demo`), one per role of procedure §7, per organisation. */
export const DEMO_STAFF: Pick<
  StaffUser,
  'id' | 'organisationCode' | 'displayName' | 'email' | 'roles' | 'jobTitle'
>[] = DEMO_ORGANISATIONS.flatMap((organisation) =>
  ROLE_USERS.map((user) => {
    const title = OWN_TITLES[organisation.code]?.[user.id];
    return {
      id: `${organisation.code.toLowerCase()}-${user.id}`,
      organisationCode: organisation.code,
      displayName: `${title ?? user.displayName} (${organisation.code})`,
      email: `${user.id}@${organisation.code.toLowerCase()}.demo`,
      roles: user.roles,
      jobTitle: title ?? user.jobTitle,
    };
  }),
);

/** Idempotent: inserts what is missing, leaves what exists (an organisation's own edits survive a restart). */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Organisation)
      .values(DEMO_ORGANISATIONS)
      .orIgnore()
      .execute();
    await manager.createQueryBuilder().insert().into(StaffUser).values(DEMO_STAFF).orIgnore().execute();
    const insert = (
      entity: typeof JointProtocol | typeof PartnerOrganisation | typeof PartnerUser,
      values: object[],
    ) => manager.createQueryBuilder().insert().into(entity).values(values).orIgnore().execute();
    await insert(JointProtocol, [HERTFORDSHIRE_PROTOCOL]);
    await insert(PartnerOrganisation, HERTFORDSHIRE_MEMBERS);
    await insert(PartnerUser, DEMO_PARTNER_USERS);
  });
}
