import { validateApplication } from '../../src/domain/application-form';

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
    ['displayName', '', 'name you go by'],
    ['bio', '   ', 'few sentences'],
    ['bio', 'x'.repeat(1001), '1000 characters'],
    ['communicationPreferences', [], 'at least one way'],
    ['communicationPreferences', ['carrier pigeon'], ''],
    ['confidentialityAcknowledged', false, 'confidentiality'],
    ['academicInterests', ['Basket weaving'], 'Pick from the list'],
    ['academicInterests', Array(11).fill('Law'), 'at most 10'],
  ])('refuses %s = %j with a message for that field', (field, value, message) => {
    const result = validateApplication('mentee', { ...mentee, [field]: value }, rules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field as keyof typeof result.errors]).toContain(message);
  });

  it.each([
    ['graduationYear', '1939'],
    ['graduationYear', '2027'],
    ['graduationYear', 'last year'],
    ['capacity', '0'],
    ['capacity', '6'],
    ['degree', ''],
    ['occupation', ''],
    ['industry', ''],
  ])('from a mentor, refuses %s = %j', (field, value) => {
    const result = validateApplication('mentor', { ...mentor, [field]: value }, rules);
    expect(result.ok === false && Object.keys(result.errors)).toEqual([field]);
  });

  it('needs some interest: picked from the lists or described in words', () => {
    const none = validateApplication(
      'mentee',
      { ...mentee, academicInterests: [], careerInterests: [] },
      rules,
    );
    expect(none.ok === false && none.errors.academicInterests).toContain('Pick at least one');
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
