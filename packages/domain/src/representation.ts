// R-INT-5: who may act for the person affected without their consent (a child, by the profile's age), and
// R-ACK-1: whether a written acknowledgement can actually reach the complainant.
import { ageOn } from './ko41a';
import type { LocalDate } from './local-date';
import type { ProfileId } from './profiles';

/**
 * R-INT-5: the age under which the person affected is a child, so consent to a representative is not needed
 * (HPFT 4.3: "a child (aged under 13)"; elsewhere the legal age of majority).
 */
export const CHILD_UNDER_YEARS: Readonly<Record<ProfileId, number>> = {
  'phso-model': 18,
  hpft: 13,
  itrust: 18,
  cwth: 18,
};

/** R-INT-5: the person born on `dateOfBirth` is a child on `on` (before their birthday of the profile's age). */
export function isChildFor(profileId: ProfileId, dateOfBirth: LocalDate, on: LocalDate): boolean {
  return ageOn(dateOfBirth, on) < CHILD_UNDER_YEARS[profileId];
}

/** How the complainant can be written to, as the record holds it. */
export interface WrittenContact {
  /** R-INT-2: the channels they asked for replies by; empty when they did not say. */
  replyChannels: readonly string[];
  email: string | null;
  hasPostalAddress: boolean;
}

/**
 * R-ACK-1: why a written acknowledgement cannot go, or null when it can. It goes by the channels the person
 * asked for (without a choice, email where they gave one, else a letter queued to print), as letters do.
 */
export function writtenContactMissing(contact: WrittenContact): string | null {
  const wanted =
    contact.replyChannels.length > 0 ? contact.replyChannels : contact.email ? ['email'] : ['letter'];
  const byEmail = wanted.includes('email') && contact.email !== null && contact.email !== '';
  const byLetter = wanted.includes('letter') && contact.hasPostalAddress;
  if (byEmail || byLetter) return null;
  const missing = wanted
    .map((channel) => (channel === 'email' ? 'email address' : 'postal address'))
    .join(' or ');
  return `a written acknowledgement would reach no one: the record holds no ${missing} for the complainant (replies by ${wanted.join(' or ')}); record one, or acknowledge verbally where the profile allows`;
}
