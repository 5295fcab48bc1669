import {
  InterestProfile,
  MentorCandidate,
  normaliseInterest,
  parseSearchWords,
  rankMentors,
  scoreMatch,
} from '../../src/domain/matching';

const mentee: InterestProfile = {
  academicInterests: ['Psychology', 'data science'],
  careerInterests: ['User Research', 'Marketing'],
};

function mentor(userId: string, over: Partial<MentorCandidate> = {}): MentorCandidate {
  return { userId, academicInterests: [], careerInterests: [], openSeats: 1, ...over };
}

const ana = mentor('U_ANA', {
  academicInterests: ['Data Science ', 'Statistics'],
  careerInterests: ['user research', 'Product Management'],
  occupation: 'UX Researcher',
  industry: 'Software',
  degree: 'MS Neuroscience, 2012',
  openSeats: 2,
});
const ben = mentor('U_BEN', {
  academicInterests: ['Psychology.'],
  careerInterests: ['Digital Marketing'],
  occupation: 'Brand manager',
  bio: 'I help start-ups find their market.',
});
const cy = mentor('U_CY', { academicInterests: ['Art History'], careerInterests: ['Museums'], openSeats: 3 });
const full = mentor('U_FULL', {
  academicInterests: ['Psychology'],
  careerInterests: ['Marketing'],
  openSeats: 0,
});

describe('matching mentees with mentors', () => {
  describe('comparing interests', () => {
    it.each([
      ['  Data   Science ', 'data science'],
      ['Psychology.', 'psychology'],
      ['(Marketing)', 'marketing'],
      ['"Pre-Med"!', 'pre-med'],
      ['C#', 'c#'],
      ['Ｆｉｎａｎｃｅ', 'finance'],
      ['...', ''],
    ])('treats %j as %j', (input, expected) => {
      expect(normaliseInterest(input)).toBe(expected);
    });
  });

  describe('reading what a mentee types after /mentee find', () => {
    it.each([
      ['marketing', ['marketing']],
      ['Marketing, finance  data', ['marketing', 'finance', 'data']],
      ['a mentor in the marketing industry', ['marketing', 'industry']],
      ['AI, ai, Ai!', ['ai']],
      ['x y z', []],
      ['   ', []],
      ['UX, "product design"', ['ux', 'product', 'design']],
    ])('%j searches for %j', (text, words) => {
      expect(parseSearchWords(text)).toEqual(words);
    });
  });

  describe('scoring one mentor', () => {
    it.each<[string, MentorCandidate, string[], object]>([
      [
        'each shared academic and career interest is worth 3, in the mentor’s wording',
        ana,
        [],
        { score: 6, sharedAcademic: ['Data Science '], sharedCareer: ['user research'], matchedWords: [] },
      ],
      [
        'a mentor sharing nothing scores 0',
        cy,
        [],
        { score: 0, sharedAcademic: [], sharedCareer: [], matchedWords: [] },
      ],
      [
        'each search word found in the profile is worth 2',
        ana,
        ['software', 'statistics', 'law'],
        { score: 10, matchedWords: ['software', 'statistics'] },
      ],
      [
        'a search word finds longer words it starts ("market" finds "Marketing")',
        ben,
        ['market'],
        { score: 5, matchedWords: ['market'] },
      ],
      [
        'a long search word is found inside a word ("science" finds "Neuroscience")',
        mentor('U_N', { degree: 'BS Neuroscience' }),
        ['science'],
        { score: 2, matchedWords: ['science'] },
      ],
      [
        'a short search word is not found inside a word ("art" does not find "start-ups")',
        ben,
        ['art'],
        { score: 3, matchedWords: [] },
      ],
      [
        'the bio, occupation, industry and degree are all searched',
        ana,
        ['ux', 'neuroscience', '2012'],
        { score: 12, matchedWords: ['ux', 'neuroscience', '2012'] },
      ],
      [
        'the same word given twice counts once',
        cy,
        ['museums', 'Museums'],
        { score: 2, matchedWords: ['museums'] },
      ],
    ])('%s', (_name, candidate, words, expected) => {
      expect(scoreMatch(mentee, candidate, words)).toMatchObject(expected);
    });

    it('lists an interest the mentor entered twice only once', () => {
      const twice = mentor('U_TWICE', { academicInterests: ['Psychology', 'psychology '] });
      expect(scoreMatch(mentee, twice)).toMatchObject({ score: 3, sharedAcademic: ['Psychology'] });
    });
  });

  describe('ranking the directory', () => {
    it.each<[string, MentorCandidate[], string[], string[]]>([
      [
        'without search words, everyone with a seat is listed, best first',
        [cy, full, ben, ana],
        [],
        ['U_ANA', 'U_BEN', 'U_CY'],
      ],
      ['a mentor with no free seat is never listed', [full], [], []],
      [
        'with search words, mentors matching none of them are left out',
        [ana, ben, cy],
        ['museums'],
        ['U_CY'],
      ],
      ['search words add to shared interests', [ana, ben, cy], ['market', 'software'], ['U_ANA', 'U_BEN']],
      ['blank search words are ignored', [cy, ben], ['', '  '], ['U_BEN', 'U_CY']],
      [
        'equal scores go to the mentor with more free seats',
        [mentor('U_A', { openSeats: 1 }), mentor('U_B', { openSeats: 4 })],
        [],
        ['U_B', 'U_A'],
      ],
      [
        'equal scores and seats are ordered by user id, so the list is stable',
        [mentor('U_Z'), mentor('U_M'), mentor('U_A')],
        [],
        ['U_A', 'U_M', 'U_Z'],
      ],
      ['nobody is listed when there are no mentors', [], ['data'], []],
    ])('%s', (_name, mentors, words, expectedOrder) => {
      expect(rankMentors(mentee, mentors, words).map((r) => r.userId)).toEqual(expectedOrder);
    });

    it('shows why each mentor matched', () => {
      const [first] = rankMentors(mentee, [ben], parseSearchWords('marketing brand'));
      expect(first).toEqual({
        userId: 'U_BEN',
        score: 3 + 2 + 2, // Psychology shared; 'marketing' and 'brand' found
        sharedAcademic: ['Psychology.'],
        sharedCareer: [],
        matchedWords: ['marketing', 'brand'],
      });
    });
  });
});
