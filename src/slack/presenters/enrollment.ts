import { applicationErrors } from '../../../blocks/application';
import { applicationWording, wording } from '../../content/wording';
import {
  APPLICATION_LIMITS,
  EARLIEST_GRADUATION_YEAR,
  MAX_CAPACITY,
  MIN_CAPACITY,
  type ApplicationErrorCode,
  type ApplicationField,
} from '../../domain/application-form';
import type { Decision } from '../../services/enrollment';
import type { Invalid } from '../../services/result';

/** The words for a refused decision (approve button, decline modal). */
export function decisionRefusalText(result: Exclude<Decision, { kind: 'done' }>): string {
  if (result.kind === 'refused' && result.code === 'not_staff') return wording.errors.staffOnly;
  return applicationWording.card.alreadyDecided;
}

/**
 * The application form's field errors, worded under their inputs. `latestYear` is this year (the latest
 * graduation year the form accepts), from the caller's clock.
 */
export function applicationFieldErrors(result: Invalid, latestYear: number): Record<string, string> {
  return applicationErrors(
    Object.fromEntries(
      Object.entries(result.fields).map(([field, code]) => [
        field,
        applicationErrorText(field as ApplicationField, code as ApplicationErrorCode, latestYear),
      ]),
    ),
  );
}

function applicationErrorText(
  field: ApplicationField,
  code: ApplicationErrorCode,
  latestYear: number,
): string {
  const w = applicationWording.errors;
  switch (code) {
    case 'too_long': {
      const limits: Partial<Record<ApplicationField, number>> = {
        displayName: APPLICATION_LIMITS.name,
        otherInterests: APPLICATION_LIMITS.otherInterests,
        bio: APPLICATION_LIMITS.bio,
        degree: APPLICATION_LIMITS.degree,
        occupation: APPLICATION_LIMITS.occupation,
        industry: APPLICATION_LIMITS.industry,
      };
      return w.tooLong(limits[field] ?? APPLICATION_LIMITS.bio);
    }
    case 'too_many':
      return w.tooManyInterests(APPLICATION_LIMITS.maxInterests);
    case 'not_in_list':
      return w.unknownInterest;
    case 'no_interest':
      return w.interestsRequired;
    case 'out_of_range':
      return field === 'capacity'
        ? w.capacity(MIN_CAPACITY, MAX_CAPACITY)
        : w.graduationYear(EARLIEST_GRADUATION_YEAR, latestYear);
    case 'required':
      switch (field) {
        case 'displayName':
          return w.nameRequired;
        case 'bio':
          return w.bioRequired;
        case 'communicationPreferences':
          return w.channelsRequired;
        case 'confidentialityAcknowledged':
          return w.confidentiality;
        default:
          return w.required;
      }
  }
}
