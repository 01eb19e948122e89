import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  JointCase,
  JointCasePartner,
  JointProtocol,
  PartnerOrganisation,
  type Complaint,
} from '@complaints/db';
import { proposeLead, type JointRole } from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type FieldProblem,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { makeJointUpdate, processStateQuery, type JointCaseState } from '@complaints/workflows/messages';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { recordStaffEvent } from '../case-file/staff-event';
import type {
  JointCaseViewDto,
  MakeJointDto,
  RecordCopyDto,
  RecordSharingConsentDto,
} from './dto/joint-case.dto';

const refused = (rule: string, detail: string) =>
  new ProblemException({ status: 409, title: 'Command refused', detail, rule });

/**
 * The lead's side of a joint case (R-JOINT-1, R-JOINT-2; ADR 0018): who leads and why, each member's role and
 * issues, consent to share with each partner, copies recorded. The joint case is written, then the complaint's
 * workflow is told (ADR 0008), which starts the partners' jointResponse workflow; refused, the rows go again.
 */
@Injectable()
export class JointCaseService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: ProcedureCommands,
  ) {}

  async makeJoint(complaint: Complaint, dto: MakeJointDto, staff: StaffPrincipal): Promise<JointCaseViewDto> {
    const protocol = await this.dataSource.getRepository(JointProtocol).findOneBy({ code: dto.protocol });
    if (!protocol)
      throw new RequestValidationException([
        { field: 'protocol', reason: `no joint protocol has the code ${dto.protocol}` },
      ]);
    const organisations = await this.dataSource
      .getRepository(PartnerOrganisation)
      .findBy({ protocolCode: protocol.code });
    const byCode = new Map(organisations.map((organisation) => [organisation.code, organisation]));
    this.checkMembers(complaint, dto, byCode);

    const candidates = dto.members.filter((member) => !member.copiedOnly);
    const proposal = proposeLead(
      candidates.map((member) => ({
        code: member.code,
        seriousness: member.seriousness,
        receivedOn: member.receivedOn ?? null,
        complainantPrefers: member.complainantPrefers,
        governanceImpact: member.governanceImpact,
        ongoingContact: member.ongoingContact,
        consentToLead: member.consentToLead,
      })),
    );
    const leadCode = dto.lead ?? proposal.leadCode;
    if (!candidates.some((member) => member.code === leadCode))
      throw new RequestValidationException([
        { field: 'lead', reason: `${leadCode} is not one of the members who may lead (not merely copied)` },
      ]);
    const lead = byCode.get(leadCode)!;
    if (
      dto.decisive?.includes('commissioner-handles') &&
      (lead.kind !== 'icb' || dto.receivedBy !== leadCode)
    )
      throw new RequestValidationException([
        {
          field: 'decisive',
          reason: `commissioner-handles is decisive only when the lead is the commissioner (an ICB) the complaint was made to (R-JOINT-8); ${lead.kind === 'icb' ? `${leadCode} is an ICB, but ${dto.receivedBy} received it` : `${leadCode} is not an ICB (its kind is ${lead.kind})`}`,
        },
      ]);
    // The complaint on this system is the lead's record: its clocks are this organisation's.
    if (lead.organisationCode !== complaint.organisationCode) {
      throw refused(
        'R-JOINT-1',
        lead.organisationCode
          ? `${lead.code} leads: it records the complaint on its own organisation (forward it with the person's consent); ${complaint.organisationCode} then takes part as a partner`
          : `${lead.code} leads and is not on this system: forward the complaint to its complaints manager (${lead.complaintsManager.email}) with the person's consent; ${complaint.organisationCode} then contributes to its response as a partner`,
      );
    }
    const roleOf = (code: string): JointRole =>
      code === leadCode
        ? 'lead'
        : dto.members.find((m) => m.code === code)!.copiedOnly
          ? 'copied'
          : 'partner';
    const decision = dto.lead
      ? { decisive: dto.decisive!, reasons: dto.reasons!, proposed: proposal.leadCode }
      : {
          decisive: proposal.decisive,
          reasons: dto.reasons ?? proposal.reasons,
          proposed: proposal.leadCode,
        };

    let written: JointCase | undefined;
    await this.commands.send(
      complaint,
      makeJointUpdate,
      (jointCase: JointCase) => ({
        by: staff.id,
        jointCaseId: jointCase.id,
        protocolCode: protocol.code,
        leadCode,
        members: dto.members.map((member) => ({ code: member.code, role: roleOf(member.code) })),
        leadReceivedOn: jointCase.leadReceivedOn,
        complex: jointCase.complex,
      }),
      {
        write: () =>
          this.dataSource.transaction(async (manager) => {
            if (await manager.existsBy(JointCase, { complaintId: complaint.id }))
              throw refused('R-JOINT-1', `complaint ${complaint.reference} is already joint`);
            const jointCase = await manager.save(
              manager.create(JointCase, {
                complaintId: complaint.id,
                protocolCode: protocol.code,
                leadCode,
                receivedByCode: dto.receivedBy,
                // R-JOINT-2: the lead's procedure and clocks run from the day it received the complaint.
                leadReceivedOn: complaint.receivedOn,
                leadDecision: decision,
                decidedBy: staff.id,
                complex: dto.complex ?? false,
              }),
            );
            await manager.insert(
              JointCasePartner,
              dto.members.map((member) => ({
                jointCaseId: jointCase.id,
                partnerCode: member.code,
                role: roleOf(member.code),
                issueIds: member.issueIds,
              })),
            );
            if (dto.receivedBy !== leadCode)
              await recordStaffEvent(manager, complaint.id, staff, {
                type: 'lead-accepted',
                rule: 'R-JOINT-2',
                data: { lead: leadCode, receivedBy: dto.receivedBy, leadReceivedOn: complaint.receivedOn },
              });
            written = jointCase;
            return jointCase;
          }),
        undo: (jointCase) =>
          this.dataSource.transaction(async (manager) => {
            await manager.delete(JointCasePartner, { jointCaseId: jointCase.id });
            await manager.delete(JointCase, { id: jointCase.id });
          }),
      },
    );
    return this.view(complaint, written!.id);
  }

  /** The lead's read of its joint case, with what its workflow keeps (404 when the complaint is not joint). */
  async read(complaint: Complaint): Promise<JointCaseViewDto> {
    return this.view(complaint);
  }

  /** R-JOINT-2: consent to share with one partner, recorded before the partner sees any personal data. */
  async recordConsent(
    complaint: Complaint,
    partnerCode: string,
    dto: RecordSharingConsentDto,
    staff: StaffPrincipal,
  ): Promise<JointCaseViewDto> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.memberOf(manager, complaint, partnerCode);
      if (member.role === 'lead')
        throw refused('R-JOINT-2', `${member.partnerCode} leads: consent is sought to share with the others`);
      await manager.update(
        JointCasePartner,
        { id: member.id },
        { consent: dto.consent, consentRecordedBy: staff.id, consentRecordedAt: new Date() },
      );
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'sharing-consent-recorded',
        rule: 'R-JOINT-2',
        data: { partner: member.partnerCode, consent: dto.consent },
      });
    });
    return this.view(complaint);
  }

  /** R-JOINT-2: an organisation merely copied in records its copy; it sends no acknowledgement of its own. */
  async recordCopy(
    complaint: Complaint,
    partnerCode: string,
    dto: RecordCopyDto,
    staff: StaffPrincipal,
  ): Promise<JointCaseViewDto> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.memberOf(manager, complaint, partnerCode);
      if (member.role !== 'copied')
        throw refused(
          'R-JOINT-2',
          `${member.partnerCode} is ${member.role === 'lead' ? 'the lead' : 'a partner'}, not merely copied in`,
        );
      if (dto.receivedOn > new Date().toISOString().slice(0, 10))
        throw new RequestValidationException([{ field: 'receivedOn', reason: 'must not be in the future' }]);
      await manager.update(
        JointCasePartner,
        { id: member.id },
        { copyReceivedOn: dto.receivedOn, copyRecordedBy: staff.id },
      );
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'copy-recorded',
        rule: 'R-JOINT-2',
        data: {
          partner: member.partnerCode,
          receivedOn: dto.receivedOn,
          acknowledgement: 'by the lead only',
        },
      });
    });
    return this.view(complaint);
  }

  private checkMembers(
    complaint: Complaint,
    dto: MakeJointDto,
    byCode: Map<string, PartnerOrganisation>,
  ): void {
    const problems: FieldProblem[] = [];
    const issueIds = new Set(complaint.issues.map((issue) => issue.id));
    const seen = new Set<string>();
    dto.members.forEach((member, index) => {
      const organisation = byCode.get(member.code);
      if (!organisation)
        problems.push({
          field: `members[${index}].code`,
          reason: `${member.code} is not a member of the ${dto.protocol} protocol`,
        });
      else if (!organisation.takesPart)
        problems.push({
          field: `members[${index}].code`,
          reason: `${organisation.name} is signposted to people (advocacy), not a partner in responses`,
        });
      if (seen.has(member.code))
        problems.push({ field: `members[${index}].code`, reason: `${member.code} is named twice` });
      seen.add(member.code);
      member.issueIds.forEach((issueId, at) => {
        if (!issueIds.has(issueId))
          problems.push({
            field: `members[${index}].issueIds[${at}]`,
            reason: `complaint ${complaint.reference} has no issue ${issueId}`,
          });
      });
    });
    if (!dto.members.some((member) => member.code === dto.receivedBy))
      problems.push({ field: 'receivedBy', reason: 'must be one of the members' });
    if (problems.length > 0) throw new RequestValidationException(problems);
  }

  private async memberOf(
    manager: EntityManager,
    complaint: Complaint,
    partnerCode: string,
  ): Promise<JointCasePartner> {
    const jointCase = await this.jointCaseOf(manager, complaint);
    const member = await manager.findOneBy(JointCasePartner, {
      jointCaseId: jointCase.id,
      partnerCode: partnerCode.toUpperCase(),
    });
    if (!member)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `${partnerCode} is not a member of the joint case of ${complaint.reference}`,
      });
    return member;
  }

  private async jointCaseOf(manager: EntityManager, complaint: Complaint): Promise<JointCase> {
    const jointCase = await manager.findOneBy(JointCase, { complaintId: complaint.id });
    if (!jointCase)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `complaint ${complaint.reference} is not a joint case`,
      });
    return jointCase;
  }

  private async view(complaint: Complaint, jointCaseId?: string): Promise<JointCaseViewDto> {
    const manager = this.dataSource.manager;
    const jointCase = jointCaseId
      ? await manager.findOneByOrFail(JointCase, { id: jointCaseId })
      : await this.jointCaseOf(manager, complaint);
    const members = await manager.find(JointCasePartner, {
      where: { jointCaseId: jointCase.id },
      order: { role: 'ASC', partnerCode: 'ASC' },
    });
    const organisations = new Map(
      (await manager.findBy(PartnerOrganisation, { protocolCode: jointCase.protocolCode })).map((o) => [
        o.code,
        o,
      ]),
    );
    const state = await this.commands.read(complaint, processStateQuery);
    const process: JointCaseState | undefined = state?.joint;
    return {
      id: jointCase.id,
      protocol: jointCase.protocolCode,
      lead: jointCase.leadCode,
      receivedBy: jointCase.receivedByCode,
      leadReceivedOn: jointCase.leadReceivedOn,
      leadDecision: {
        decisive: jointCase.leadDecision.decisive,
        reasons: jointCase.leadDecision.reasons,
        proposed: jointCase.leadDecision.proposed ?? jointCase.leadCode,
      },
      decidedBy: jointCase.decidedBy,
      complex: jointCase.complex,
      members: members.map((member) => {
        const organisation = organisations.get(member.partnerCode)!;
        return {
          code: member.partnerCode,
          name: organisation.name,
          kind: organisation.kind,
          care: organisation.care,
          role: member.role,
          issueIds: member.issueIds,
          consent: member.consent,
          consentRecordedAt: member.consentRecordedAt?.toISOString() ?? null,
          copyReceivedOn: member.copyReceivedOn,
          withdrawnAt: member.withdrawnAt?.toISOString() ?? null,
        };
      }),
      process: process ? { shared: process.shared, approvedVersions: process.approvedVersions } : null,
    };
  }
}
