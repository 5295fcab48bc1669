import type { ProfileRecord } from './records';

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
  const sharedAcademic = shared(mentee.academicInterests, mentor.academicInterests);
  const sharedCareer = shared(mentee.careerInterests, mentor.careerInterests);
  const texts = [
    ...mentor.academicInterests,
    ...mentor.careerInterests,
    mentor.occupation,
    mentor.industry,
    mentor.bio,
    mentor.degree,
  ].flatMap((t) => (t ? [wordText(t)] : []));
  const matchedWords = distinctWords(searchWords).filter((word) => texts.some((t) => found(word, t)));
  const score =
    SHARED_INTEREST_POINTS * (sharedAcademic.length + sharedCareer.length) +
    SEARCH_WORD_POINTS * matchedWords.length;
  return { userId: mentor.userId, score, sharedAcademic, sharedCareer, matchedWords };
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
    .sort(
      (a, b) =>
        b.score - a.score ||
        (seats.get(b.userId) ?? 0) - (seats.get(a.userId) ?? 0) ||
        (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
    );
}

/** The mentor's interests that the mentee shares, in the mentor's wording, each once. */
function shared(menteeInterests: string[], mentorInterests: string[]): string[] {
  const wanted = new Set(menteeInterests.map(normaliseInterest).filter(Boolean));
  const seen = new Set<string>();
  return mentorInterests.filter((interest) => {
    const key = normaliseInterest(interest);
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

function found(word: string, text: string): boolean {
  const needle = wordText(word);
  if (needle.length >= INSIDE_WORD_MIN_LENGTH) return text.includes(needle);
  return ` ${text}`.includes(` ${needle}`);
}

/** One mentor in the directory: why they matched, the profile, and the seats they have left. */
export interface DirectoryEntry {
  match: MatchResult;
  mentor: ProfileRecord;
  freeSeats: number;
}
