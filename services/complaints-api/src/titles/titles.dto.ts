import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, ValidateIf } from 'class-validator';
import { ROLE_TITLES, type TitledRole } from '@complaints/domain';

export const TITLED_ROLES = Object.keys(ROLE_TITLES) as TitledRole[];
export const TITLE_LONGEST = 120;

/** A title the organisation gives a role, or a member of staff's job title; null to clear it. */
export class SetTitleDto {
  @ApiProperty({
    type: String,
    nullable: true,
    // The seed's own title for the example role, so trying it out changes no letter.
    example: 'Clinical Team',
    maxLength: TITLE_LONGEST,
    description: `The title, 1 to ${TITLE_LONGEST} characters (spaces at either end dropped); null clears it`,
  })
  @ValidateIf((_, value) => value !== null)
  @IsString({ message: 'title must be a string or null' })
  @Length(1, TITLE_LONGEST, { message: `title must be 1 to ${TITLE_LONGEST} characters` })
  title!: string | null;
}

export class RoleTitleDto {
  @ApiProperty({ enum: TITLED_ROLES, example: 'deputy-chief-executive' })
  role!: TitledRole;

  @ApiProperty({
    example: 'Deputy Chief Executive',
    description: "The title in use: the organisation's, or the seed's",
  })
  title!: string;

  @ApiProperty({ description: "True when the organisation set it; false when it is the seed's" })
  own!: boolean;
}

export class StaffTitleDto {
  @ApiProperty({ example: 'hpft-senior-manager' })
  staffId!: string;

  @ApiProperty({ example: 'Deputy Chief Executive (HPFT)' })
  displayName!: string;

  @ApiProperty({ type: [String], example: ['senior-manager'] })
  roles!: string[];

  @ApiProperty({ type: String, nullable: true, example: 'Deputy Chief Executive' })
  jobTitle!: string | null;

  @ApiProperty()
  active!: boolean;
}

export class TitlesDto {
  @ApiProperty({
    type: [RoleTitleDto],
    description: "The procedure's roles, each by the title letters give it",
  })
  roles!: RoleTitleDto[];

  @ApiProperty({
    type: [StaffTitleDto],
    description: 'Every member of staff, with the job title letters name them by',
  })
  staff!: StaffTitleDto[];
}
