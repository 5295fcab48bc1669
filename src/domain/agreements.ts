import { COMMUNICATION_CHANNELS, type CommunicationChannel } from './application-form';

/**
 * Stage 1's agreements: how often the pair will be in touch, by which channels, and confidentiality,
 * which each person acknowledges for themselves. The pair moves on to stage 2 once all are in place.
 */

export const CONTACT_FREQUENCIES = ['weekly', 'every_two_weeks', 'monthly'] as const;
export type ContactFrequency = (typeof CONTACT_FREQUENCIES)[number];

export interface Agreements {
  contactFrequency?: ContactFrequency | undefined;
  channels: CommunicationChannel[];
  confidentialityAckMentor?: Date | undefined;
  confidentialityAckMentee?: Date | undefined;
}

export type AgreementField = 'contactFrequency' | 'channels' | 'confidentiality';

export interface AgreementAnswers {
  contactFrequency: ContactFrequency;
  channels: CommunicationChannel[];
}

/** Checks the form: a frequency, at least one channel, and the person's own confidentiality tick. */
export function validateAgreements(
  raw: Record<string, unknown>,
  messages: Record<AgreementField, string>,
): { ok: true; answers: AgreementAnswers } | { ok: false; errors: Partial<Record<AgreementField, string>> } {
  const errors: Partial<Record<AgreementField, string>> = {};
  const frequency = raw.contactFrequency;
  if (!(CONTACT_FREQUENCIES as readonly unknown[]).includes(frequency))
    errors.contactFrequency = messages.contactFrequency;
  const channels = (Array.isArray(raw.channels) ? raw.channels : []).filter((c): c is CommunicationChannel =>
    (COMMUNICATION_CHANNELS as readonly unknown[]).includes(c),
  );
  if (channels.length === 0) errors.channels = messages.channels;
  if (!Array.isArray(raw.confidentiality) || raw.confidentiality.length === 0)
    errors.confidentiality = messages.confidentiality;
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, answers: { contactFrequency: frequency as ContactFrequency, channels } };
}

/** Everything stage 1 asks for is agreed: the guard on moving to stage 2. */
export function agreementsComplete(agreements: Agreements | undefined): boolean {
  return Boolean(
    agreements?.contactFrequency &&
    agreements.channels.length > 0 &&
    agreements.confidentialityAckMentor &&
    agreements.confidentialityAckMentee,
  );
}
