import { ApiProperty } from '@nestjs/swagger';

export class Ko41aCodeListsDto {
  @ApiProperty({ example: '2026.1-provisional', description: 'The version of the code lists counted by' })
  version!: string;
  @ApiProperty({
    description:
      'False while the items have not been checked against the national "data items lookup and validations" file (ADR 0029): check before submitting',
  })
  checkedAgainstNationalLookup!: boolean;
  @ApiProperty({ description: 'The published guidance the lists and rules follow' }) source!: string;
}

export class Ko41aSummaryDto {
  @ApiProperty({ example: 2, description: 'Open at the end of the year before' }) broughtForward!: number;
  @ApiProperty({ example: 7, description: 'Received in the year (each complaint once)' }) new!: number;
  @ApiProperty({ example: 2, description: 'Final response sent in the year, upheld' }) upheld!: number;
  @ApiProperty({ example: 1 }) partiallyUpheld!: number;
  @ApiProperty({ example: 1 }) notUpheld!: number;
  @ApiProperty({ example: 4, description: 'Upheld + partially upheld + not upheld' }) resolved!: number;
  @ApiProperty({ example: 3, description: 'Open at the end of the year' }) carriedForward!: number;
}

export class Ko41aItemDto {
  @ApiProperty({ example: 'outpatient', description: "This system's item code (the CSV's `item`)" })
  code!: string;
  @ApiProperty({ example: 'Outpatient' }) label!: string;
  @ApiProperty({ example: 3 }) value!: number;
}

export class Ko41aSectionDto {
  @ApiProperty({ example: 5 }) section!: number;
  @ApiProperty({ example: 'Service area' }) title!: string;
  @ApiProperty({
    type: [Ko41aItemDto],
    description:
      'Every item of the code lists, zeros included; `not-coded` last where a new complaint has an issue not coded yet',
  })
  items!: Ko41aItemDto[];
}

export class Ko41aProblemDto {
  @ApiProperty({ example: 5 }) section!: number;
  @ApiProperty({ example: 'every-issue-coded' }) rule!: string;
  @ApiProperty({ example: '1 new complaints have an issue with no service area' }) detail!: string;
}

/** The KO41a return for a financial year, readable: the figures, where each comes from, and the form's checks. */
export class Ko41aReturnDto {
  @ApiProperty({ example: 'HPFT' }) organisation!: string;
  @ApiProperty({ example: '2026-27' }) year!: string;
  @ApiProperty({ example: '2026-04-01' }) from!: string;
  @ApiProperty({ example: '2027-03-31' }) to!: string;
  @ApiProperty({ example: '2027-04-10', description: 'Counted from the record as it stood on this day' })
  asOf!: string;
  @ApiProperty({ description: 'False while the year runs: the figures so far' }) yearEnded!: boolean;
  @ApiProperty({ type: Ko41aCodeListsDto }) codeLists!: Ko41aCodeListsDto;
  @ApiProperty({ type: Ko41aSummaryDto, description: 'Section 2' }) summary!: Ko41aSummaryDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { withdrawn: 1, 'resolved-early': 1 },
    description:
      'Not a box of the form: complaints that left the open count in the year without a final response, by how they ended. Brought forward + new − resolved − these = carried forward',
  })
  closedWithoutResponse!: Record<string, number>;
  @ApiProperty({ type: [Ko41aSectionDto], description: 'Sections 3 to 8' }) sections!: Ko41aSectionDto[];
  @ApiProperty({
    description: 'Whether the return passes the form’s validation (the CSV is given only then)',
  })
  valid!: boolean;
  @ApiProperty({ type: [Ko41aProblemDto] }) problems!: Ko41aProblemDto[];
}
