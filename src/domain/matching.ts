import type { ProfileRecord } from './records';
import type { ActivityBucket } from './directory-upkeep';

/**
 * Ranking mentors for the directory (`/mentee find [words]`).
 *
 * Scoring:
 *   - each academic interest the mentee and mentor share: 3 points
 *   - each career interest they share: 3 points
 *   - each search word found in the mentor's interests, occupation, industry, bio or degree: 2 points
 * Interests are compared after `normaliseInterest` (case, spacing and end punctuation ignored); the
 * shared lists keep the mentor's own wording. A search word is found when it starts a word of the
 * mentor's text ('market' finds 'Marketing'); a word of 5 or more letters is also found inside a
 * word ('science' finds 'Neuroscience'), while short ones are not ('art' does not find 'startup').
 *
 * Only mentors with a free seat are listed. Without search words everyone with a seat is listed, best
 * first (a score of 0 included); with search words, a mentor matching none of them is left out.
 */

export interface InterestProfile {
  academicInterests: string[];
  careerInterests: string[];
}

export interface MentorCandidate extends InterestProfile {
  userId: string;
  occupation?: string;
  industry?: string;
  bio?: string;
  degree?: string;
  openSeats: number;
}

export interface MatchResult {
  userId: string;
  score: number;
  sharedAcademic: string[];
  sharedCareer: string[];
  matchedWords: string[];
}

/** Mentors on one page of `/mentee find`. */
export const DIRECTORY_PAGE_SIZE = 8;

export const SHARED_INTEREST_POINTS = 3;
export const SEARCH_WORD_POINTS = 2;
/** Search words this long or longer also match inside a word, not only at its start. */
const INSIDE_WORD_MIN_LENGTH = 5;

// prettier-ignore
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'or', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'about',
  'into', 'is', 'are', 'be', 'my', 'me', 'who', 'someone', 'mentor', 'mentors', 'find',
]);

// Punctuation at either end; a trailing '#' is kept so that 'C#' stays 'c#'.
const END_PUNCTUATION = /^[\p{P}\s]+|(?:(?!#)[\p{P}\s])+$/gu;

/** Normalises an interest or word for comparison only (trim, lower-case, single spaces, no end punctuation). */
export function normaliseInterest(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').replace(END_PUNCTUATION, '');
}

/**
 * A search uses at most this many words, of at most this many characters in all: enough for any real
 * query, and small enough that the words fit the Previous / Next buttons (a button value holds 2,000
 * characters) and the heading that echoes them, so every page of a search ranks by the same words.
 */
export const SEARCH_LIMITS = { words: 20, characters: 300 } as const;

/**
 * Splits a `/mentee find` query into distinct lower-case search words, dropping short and filler words;
 * words past `SEARCH_LIMITS` are left out.
 */
export function parseSearchWords(text: string): string[] {
  const words = text
    .split(/[\s,]+/u)
    .map(normaliseInterest)
    .filter((w) => w.length >= 2 && !STOP_WORDS.has(w));
  const kept: string[] = [];
  let characters = 0;
  for (const word of new Set(words)) {
    if (kept.length === SEARCH_LIMITS.words) break;
    if (characters + word.length > SEARCH_LIMITS.characters) continue;
    kept.push(word);
    characters += word.length;
  }
  return kept;
}

/** Scores how well one mentor suits a mentee (and optional search words), with the reasons. */
export function scoreMatch(
  mentee: InterestProfile,
  mentor: MentorCandidate,
  searchWords: string[] = [],
): MatchResult {
  return scorePrepared(
    menteeWants(mentee),
    { ...mentor, search: searchFieldsOf(mentor) },
    searchNeedles(searchWords),
  );
}

/**
 * What a profile is searched and ranked by, worked out once when the profile is written (and stored
 * with it), so that a search compares ready-made keys and words instead of normalising every profile.
 */
export interface SearchFields {
  /** Bumped whenever the rules below change, so stored fields are worked out again. */
  version: number;
  /** `normaliseInterest` of each academic interest, in the profile's order. */
  academicKeys: string[];
  /** The same for career interests. */
  careerKeys: string[];
  /** `a:` or `c:` with each distinct non-empty key: what shared interests are looked up by. */
  interestKeys: string[];
  /** Each searched field (interests, occupation, industry, bio, degree) as lower-case words. */
  text: string[];
  /**
   * Each distinct word of `text`, and `~` with each tail of 5 or more letters of a word: every word a
   * search word can be found in is looked up by a prefix of one of these (see `wordLookups`).
   */
  terms: string[];
}

export const SEARCH_FIELDS_VERSION = 1;

type Searchable = InterestProfile & {
  occupation?: string | undefined;
  industry?: string | undefined;
  bio?: string | undefined;
  degree?: string | undefined;
};

export function searchFieldsOf(profile: Searchable): SearchFields {
  const academicKeys = profile.academicInterests.map(normaliseInterest);
  const careerKeys = profile.careerInterests.map(normaliseInterest);
  const interestKeys = [
    ...new Set([
      ...academicKeys.filter(Boolean).map((k) => `a:${k}`),
      ...careerKeys.filter(Boolean).map((k) => `c:${k}`),
    ]),
  ];
  const text = [
    ...profile.academicInterests,
    ...profile.careerInterests,
    profile.occupation,
    profile.industry,
    profile.bio,
    profile.degree,
  ].flatMap((t) => {
    const words = t ? wordText(t) : '';
    return words ? [words] : [];
  });
  const terms = new Set<string>();
  for (const word of text.flatMap((t) => t.split(' '))) {
    terms.add(word);
    for (let start = 0; word.length - start >= INSIDE_WORD_MIN_LENGTH; start++)
      terms.add(`~${word.slice(start)}`);
  }
  return { version: SEARCH_FIELDS_VERSION, academicKeys, careerKeys, interestKeys, text, terms: [...terms] };
}

/** A mentee's interests, ready to compare with mentors' stored keys. */
export interface MenteeWants {
  academic: ReadonlySet<string>;
  career: ReadonlySet<string>;
  /** As `SearchFields.interestKeys`. */
  interestKeys: string[];
}

export function menteeWants(
  mentee: InterestProfile & { search?: Pick<SearchFields, 'academicKeys' | 'careerKeys'> | undefined },
): MenteeWants {
  const academic = new Set(
    (mentee.search?.academicKeys ?? mentee.academicInterests.map(normaliseInterest)).filter(Boolean),
  );
  const career = new Set(
    (mentee.search?.careerKeys ?? mentee.careerInterests.map(normaliseInterest)).filter(Boolean),
  );
  return {
    academic,
    career,
    interestKeys: [...[...academic].map((k) => `a:${k}`), ...[...career].map((k) => `c:${k}`)],
  };
}

/** A search word as typed (what the answer echoes) and as it is looked for in a mentor's words. */
export interface SearchNeedle {
  word: string;
  needle: string;
}

/** The distinct search words, each with the form it is looked for in. */
export function searchNeedles(searchWords: string[]): SearchNeedle[] {
  return distinctWords(searchWords).map((word) => ({ word, needle: wordText(word) }));
}

/**
 * How the directory's index finds the mentors a search word is found in (`found`): a prefix of
 * `SearchFields.terms` that they all have a term starting with, and, where that prefix alone would find
 * more, the pattern their `SearchFields.text` must also match. A word of one piece is found exactly where a
 * term starts with the prefix: a long word inside a word, so where one of the word's tails (`~`) starts
 * with it; a short one where a word starts with it. A word that punctuation breaks into several ('pre-med')
 * is looked up where its second piece starts a word, and checked against the text.
 */
export interface WordLookup extends SearchNeedle {
  termPrefix: string;
  /** Matches a line of `SearchFields.text` exactly when `found` finds the word in it. */
  textPattern?: RegExp;
}

export function wordLookups(needles: SearchNeedle[]): WordLookup[] {
  return needles.map((needle) => {
    const [first = '', second] = needle.needle.split(' ');
    if (second === undefined)
      return { ...needle, termPrefix: first.length >= INSIDE_WORD_MIN_LENGTH ? `~${first}` : first };
    const literal = needle.needle.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&');
    return {
      ...needle,
      termPrefix: second,
      textPattern: new RegExp(needle.needle.length >= INSIDE_WORD_MIN_LENGTH ? literal : `(?:^| )${literal}`),
    };
  });
}

/** A mentor as the directory ranks them: the interests in their wording and their stored search fields. */
export interface PreparedMentor {
  userId: string;
  academicInterests: string[];
  careerInterests: string[];
  search: Pick<SearchFields, 'academicKeys' | 'careerKeys' | 'text'>;
}

/** `scoreMatch` over stored search fields: no normalising at search time. */
export function scorePrepared(
  mentee: MenteeWants,
  mentor: PreparedMentor,
  needles: SearchNeedle[] = [],
): MatchResult {
  const sharedAcademic = shared(mentee.academic, mentor.academicInterests, mentor.search.academicKeys);
  const sharedCareer = shared(mentee.career, mentor.careerInterests, mentor.search.careerKeys);
  const texts = mentor.search.text;
  const matchedWords = needles.filter(({ needle }) => texts.some((t) => found(needle, t))).map((n) => n.word);
  const score =
    SHARED_INTEREST_POINTS * (sharedAcademic.length + sharedCareer.length) +
    SEARCH_WORD_POINTS * matchedWords.length;
  return { userId: mentor.userId, score, sharedAcademic, sharedCareer, matchedWords };
}

/** The directory's order: best match first, then most free seats, then user id (so the list is stable). */
export function directoryOrder(
  a: { score: number; freeSeats: number; userId: string },
  b: { score: number; freeSeats: number; userId: string },
): number {
  return (
    b.score - a.score || b.freeSeats - a.freeSeats || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
  );
}

/** Ranks the mentors with a free seat for the directory: best match first, then most seats, then user id. */
export function rankMentors(
  mentee: InterestProfile,
  mentors: MentorCandidate[],
  searchWords: string[] = [],
): MatchResult[] {
  const searching = distinctWords(searchWords).length > 0;
  const seats = new Map(mentors.map((m) => [m.userId, m.openSeats]));
  return mentors
    .filter((m) => m.openSeats > 0)
    .map((m) => scoreMatch(mentee, m, searchWords))
    .filter((r) => !searching || r.matchedWords.length > 0)
    .sort((a, b) =>
      directoryOrder(
        { ...a, freeSeats: seats.get(a.userId) ?? 0 },
        { ...b, freeSeats: seats.get(b.userId) ?? 0 },
      ),
    );
}

/** The mentor's interests that the mentee shares, in the mentor's wording, each once. */
function shared(wanted: ReadonlySet<string>, mentorInterests: string[], mentorKeys: string[]): string[] {
  const seen = new Set<string>();
  return mentorInterests.filter((_, i) => {
    const key = mentorKeys[i] ?? '';
    if (!wanted.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Lower-case words separated by single spaces, with all punctuation treated as a word break. */
function wordText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}#+]+/u)
    .filter(Boolean)
    .join(' ');
}

function distinctWords(words: string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w) => {
    const key = wordText(w);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether a search word (as `wordText` gives it) is found in a mentor's words (see the rules at the top). */
function found(needle: string, text: string): boolean {
  if (needle.length >= INSIDE_WORD_MIN_LENGTH) return text.includes(needle);
  return ` ${text}`.includes(` ${needle}`);
}

/** One mentor in the directory: why they matched, the profile, and the seats they have left. */
export interface DirectoryEntry {
  match: MatchResult;
  mentor: DirectoryMentor;
  freeSeats: number;
  /** When the mentor was last active, coarsely (absent when never recorded). */
  lastActive?: ActivityBucket;
}

/** What the directory shows of a mentor (the directory reads no more than this; a whole profile will do). */
export type DirectoryMentor = Pick<ProfileRecord, 'userId' | 'displayName' | 'occupation' | 'industry'> &
  Partial<ProfileRecord>;
