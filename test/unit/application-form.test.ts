import { validateApplication } from '../../src/domain/application-form';
import { invalid } from '../../src/services/result';
import { applicationFieldErrors } from '../../src/slack/presenters/enrollment';

/** What the person reads under each field: the codes worded by the enrollment presenter. */
const worded = (errors: Record<string, string>) => applicationFieldErrors(invalid(errors), 2026);

const taxonomy = ['Law', 'Marketing', 'Sales'];
const rules = { taxonomy, currentYear: 2026 };
const mentee = {
  displayName: 'Bob',
  academicInterests: ['Marketing'],
  careerInterests: [],
  otherInterests: '',
  communicationPreferences: ['slack'],
  bio: 'Junior in marketing.',
  confidentialityAcknowledged: true,
};
const mentor = {
  ...mentee,
  degree: 'BA',
  graduationYear: '2009',
  occupation: 'Director',
  industry: 'Retail',
  capacity: '2',
};

describe('an application', () => {
  it('is accepted with every required answer, trimmed and typed', () => {
    const result = validateApplication('mentor', { ...mentor, displayName: '  Alice  ' }, rules);
    expect(result).toMatchObject({
      ok: true,
      answers: { displayName: 'Alice', graduationYear: 2009, capacity: 2 },
    });
  });

  it.each([
    ['displayName', '', 'required', 'name you go by'],
    ['bio', '   ', 'required', 'few sentences'],
    ['bio', 'x'.repeat(1001), 'too_long', '1000 characters'],
    ['communicationPreferences', [], 'required', 'at least one way'],
    ['communicationPreferences', ['carrier pigeon'], 'required', 'at least one way'],
    ['confidentialityAcknowledged', false, 'required', 'confidentiality'],
    ['academicInterests', ['Basket weaving'], 'not_in_list', 'Pick from the list'],
    ['academicInterests', Array(11).fill('Law'), 'too_many', 'at most 10'],
  ])('refuses %s = %j with a code for that field, worded for it', (field, value, code, message) => {
    const result = validateApplication('mentee', { ...mentee, [field]: value }, rules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ [field]: code });
    expect(worded(result.errors)[`field_${field}`]).toContain(message);
  });

  it.each([
    ['graduationYear', '1939', 'out_of_range', 'from 1940 to 2026'],
    ['graduationYear', '2027', 'out_of_range', 'year you graduated'],
    ['graduationYear', 'last year', 'out_of_range', 'year you graduated'],
    ['capacity', '0', 'out_of_range', 'from 1 to 5'],
    ['capacity', '6', 'out_of_range', 'how many mentees'],
    ['degree', '', 'required', 'needed for the directory'],
    ['occupation', '', 'required', 'needed for the directory'],
    ['industry', '', 'required', 'needed for the directory'],
    ['industry', 'x'.repeat(121), 'too_long', '120 characters'],
  ])('from a mentor, refuses %s = %j', (field, value, code, message) => {
    const result = validateApplication('mentor', { ...mentor, [field]: value }, rules);
    expect(result.ok === false && result.errors).toEqual({ [field]: code });
    if (result.ok) return;
    expect(worded(result.errors)[`field_${field}`]).toContain(message);
  });

  it('needs some interest: picked from the lists or described in words', () => {
    const none = validateApplication(
      'mentee',
      { ...mentee, academicInterests: [], careerInterests: [] },
      rules,
    );
    expect(none.ok === false && none.errors.academicInterests).toBe('no_interest');
    expect(none.ok === false && worded(none.errors).field_academicInterests).toContain('Pick at least one');
    const described = validateApplication(
      'mentee',
      { ...mentee, academicInterests: [], otherInterests: 'Urban planning' },
      rules,
    );
    expect(described.ok).toBe(true);
  });

  it('reports every bad field at once, and treats missing fields as empty', () => {
    const result = validateApplication('mentor', { displayName: 'Al' }, rules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      [
        'academicInterests',
        'bio',
        'capacity',
        'communicationPreferences',
        'confidentialityAcknowledged',
        'degree',
        'graduationYear',
        'industry',
        'occupation',
      ].sort(),
    );
  });
});
