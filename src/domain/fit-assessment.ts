/** The mentor's fit assessment after the first meeting: listen, assess value, decide. */

export const FIT_DECISIONS = ['proceed', 'talk_again', 'not_a_fit'] as const;
export type FitDecision = (typeof FIT_DECISIONS)[number];
export const FIT_NOTE_LIMIT = 2000;

export interface FitAnswers {
  understandingNotes: string;
  valueNotes: string;
  academicAlignment: number;
  careerAlignment: number;
  valueOverTime: string;
  decision: FitDecision;
}
export type FitField = keyof FitAnswers;

/** Checks the form: ratings 1-5 and a decision are required; notes are optional but bounded. */
export function validateFit(
  raw: Record<string, unknown>,
  messages: { required: string; tooLong: (max: number) => string },
): { ok: true; answers: FitAnswers } | { ok: false; errors: Partial<Record<FitField, string>> } {
  const errors: Partial<Record<FitField, string>> = {};
  const text = (field: 'understandingNotes' | 'valueNotes' | 'valueOverTime') => {
    const value = typeof raw[field] === 'string' ? (raw[field] as string).trim() : '';
    if ([...value].length > FIT_NOTE_LIMIT) errors[field] = messages.tooLong(FIT_NOTE_LIMIT);
    return value;
  };
  const rating = (field: 'academicAlignment' | 'careerAlignment') => {
    const value = Number(raw[field]);
    if (!Number.isInteger(value) || value < 1 || value > 5) errors[field] = messages.required;
    return value;
  };
  const answers = {
    understandingNotes: text('understandingNotes'),
    valueNotes: text('valueNotes'),
    valueOverTime: text('valueOverTime'),
    academicAlignment: rating('academicAlignment'),
    careerAlignment: rating('careerAlignment'),
    decision: raw.decision as FitDecision,
  };
  if (!(FIT_DECISIONS as readonly unknown[]).includes(raw.decision)) errors.decision = messages.required;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}
