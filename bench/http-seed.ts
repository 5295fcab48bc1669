import { Types } from 'mongoose';
import { DateTime } from 'luxon';
import type { Models } from '../src/store/database';
import { between, pickOne, pickWeighted, seededRandom, type Random } from './random';

/**
 * The program `npm run bench:http` talks to, written straight into MongoDB with the documents the bot itself
 * writes: listed mentors with interests, bios and seats (some full), approved mentees, and relationships at
 * every point of their life. Only the fields the bot wrote before the directory kept search fields are set,
 * so the bot's start-up migration has a real directory to bring up to date.
 */

export interface HttpSeedSize {
  mentors: number;
  mentees: number;
  relationships: number;
}

export interface HttpSeed {
  mentorIds: string[];
  menteeIds: string[];
  /** Pairs by status, with the conversation the emulator opened for the live ones. */
  pairs: { id: string; mentorId: string; menteeId: string; status: string; channelId?: string }[];
}

const ACADEMIC = [
  'Psychology',
  'Computer Science',
  'Economics',
  'Biology',
  'History',
  'Mathematics',
  'Statistics',
  'Data Science',
  'Political Science',
  'English Literature',
  'Chemistry',
  'Philosophy',
  'Sociology',
  'Neuroscience',
  'Art History',
  'Mechanical Engineering',
  'Public Health',
  'Linguistics',
];
const CAREER = [
  'Accounting',
  'Arts and design',
  'Business management',
  'Communications',
  'Computer science',
  'Counseling',
  'Cybersecurity',
  'Data analytics',
  'Education',
  'Entrepreneurship',
  'Film and media',
  'Finance',
  'Government and public policy',
  'Health care',
  'Human resources',
  'International relations',
  'Law',
  'Marketing',
  'Music',
  'Nonprofit management',
  'Psychology',
  'Research',
  'Sales',
  'Software engineering',
];
const OCCUPATIONS = [
  ['Product manager', 'Software'],
  ['UX researcher', 'Software'],
  ['Data scientist', 'Health care'],
  ['Financial analyst', 'Banking'],
  ['Attorney', 'Law'],
  ['High school teacher', 'Education'],
  ['Brand manager', 'Consumer goods'],
  ['Policy advisor', 'Government'],
  ['Clinical psychologist', 'Health care'],
  ['Software engineer', 'Technology'],
  ['Founder', 'Startups'],
  ['Museum curator', 'Arts'],
  ['Recruiter', 'Human resources'],
  ['Journalist', 'Media'],
  ['Nurse practitioner', 'Health care'],
  ['Security analyst', 'Cybersecurity'],
] as const;
const BIO_WORDS = (
  'I help students find their footing after graduation. My work spans research, strategy, ' +
  'mentoring junior colleagues, hiring, negotiating offers, writing, public speaking, budgets, ' +
  'analytics, machine learning, design reviews, community outreach, grant writing, fundraising, ' +
  'customer discovery, marketing campaigns, startups, nonprofits, consulting, teaching, volunteering, ' +
  'graduate school applications, internships, career changes, relocation abroad, leadership, ' +
  'management, product launches, clinical practice, policy, international development and law school.'
).split(' ');
const STATUS_MIX = [
  ['requested', 8],
  ['introduced', 6],
  ['stage1', 10],
  ['stage2', 14],
  ['stage3', 16],
  ['stage4', 10],
  ['completed', 24],
  ['ended_early', 12],
] as const;
const OPEN = new Set(['introduced', 'stage1', 'stage2', 'stage3', 'stage4']);
const BATCH = 1_000;

const pad = (n: number) => String(n).padStart(6, '0');
export const mentorId = (n: number) => `UM${pad(n)}`;
export const menteeId = (n: number) => `UE${pad(n)}`;

function some(random: Random, items: readonly string[], min: number, max: number): string[] {
  const count = Math.floor(between(random, min, max + 1));
  const picked = new Set<string>();
  while (picked.size < count) picked.add(pickOne(random, items));
  return [...picked];
}

function bio(random: Random): string {
  const start = Math.floor(random() * (BIO_WORDS.length - 40));
  return BIO_WORDS.slice(start, start + 20 + Math.floor(random() * 20)).join(' ');
}

/** Seeds the program; `openConversation` gives each live pair the group DM the emulator knows. */
export async function seedHttpProgram(
  models: Models,
  size: HttpSeedSize,
  openConversation: (userIds: string[]) => Promise<string>,
): Promise<HttpSeed> {
  const random = seededRandom(11);
  const now = DateTime.utc();
  const mentors = Array.from({ length: size.mentors }, (_, n) => {
    const [occupation, industry] = pickOne(random, OCCUPATIONS);
    return {
      userId: mentorId(n),
      role: 'mentor',
      displayName: `Mentor ${n}`,
      timezone: 'America/Chicago',
      timezoneCheckedAt: now.toJSDate(),
      academicInterests: some(random, ACADEMIC, 1, 3),
      careerInterests: some(random, CAREER, 1, 3),
      otherInterests: '',
      communicationPreferences: ['slack', 'video'],
      bio: bio(random),
      degree: `BA ${pickOne(random, ACADEMIC)}, ${1990 + Math.floor(random() * 30)}`,
      graduationYear: 1990 + Math.floor(random() * 30),
      occupation,
      industry,
      capacity: 1 + Math.floor(random() * 5),
      openRelationships: 0,
      listed: random() < 0.95,
      approved: true,
    };
  });
  const mentees = Array.from({ length: size.mentees }, (_, n) => ({
    userId: menteeId(n),
    role: 'mentee',
    displayName: `Mentee ${n}`,
    timezone: 'America/New_York',
    timezoneCheckedAt: now.toJSDate(),
    academicInterests: some(random, ACADEMIC, 1, 3),
    careerInterests: some(random, CAREER, 1, 3),
    otherInterests: '',
    communicationPreferences: ['slack'],
    bio: bio(random),
    degree: `BS ${pickOne(random, ACADEMIC)}`,
    graduationYear: 2027,
    openRelationships: 0,
    listed: false,
    approved: true,
  }));

  const pairs: HttpSeed['pairs'] = [];
  const relationships: Record<string, unknown>[] = [];
  const goalForms: Record<string, unknown>[] = [];
  let mentorCursor = 0;
  for (let n = 0; n < Math.min(size.relationships, size.mentees); n++) {
    const status = pickWeighted(random, STATUS_MIX);
    // The next mentor with a seat left takes each open relationship (requests and ended ones take none).
    let mentor = mentors[mentorCursor % mentors.length]!;
    if (OPEN.has(status)) {
      for (let tries = 0; mentor.openRelationships >= mentor.capacity && tries < mentors.length; tries++)
        mentor = mentors[++mentorCursor % mentors.length]!;
      mentor.openRelationships++;
    }
    mentorCursor++;
    const mentee = mentees[n]!;
    const id = new Types.ObjectId();
    const started = now.minus({ days: 10 + Math.floor(random() * 200) });
    const channelId = OPEN.has(status) ? await openConversation([mentor.userId, mentee.userId]) : undefined;
    const ended = status === 'completed' || status === 'ended_early';
    relationships.push({
      _id: id,
      mentorId: mentor.userId,
      menteeId: mentee.userId,
      status,
      requestedBy: mentee.userId,
      requestedAt: started.toJSDate(),
      channelId,
      history: [{ to: 'requested', actor: 'mentee', actorId: mentee.userId, at: started.toJSDate() }],
      ...(OPEN.has(status) || ended
        ? {
            agreements: {
              contactFrequency: 'biweekly',
              channels: ['slack'],
              confidentialityAckMentor: started.toJSDate(),
              confidentialityAckMentee: started.toJSDate(),
            },
          }
        : {}),
      stageStartedAt: started.plus({ days: 5 }).toJSDate(),
      lastActivityAt: now.minus({ days: 2 }).toJSDate(),
      ...(ended ? { endedAt: now.minus({ days: 3 }).toJSDate() } : {}),
    });
    if (status === 'stage3' || status === 'stage4' || (status === 'stage2' && random() < 0.5)) {
      goalForms.push({
        relationshipId: id,
        version: 1,
        submittedBy: mentee.userId,
        goals: [
          {
            specific: 'Land a summer internship in research',
            measurable: 'Three applications a week',
            achievable: 'With my mentor’s reviews',
            relevant: 'It is the field I want to work in',
            actions: ['Update my CV', 'Ask two alumni for an introduction'],
            completeBy: now.plus({ months: 5 }).toISODate(),
            checkIns: [1, 2, 3].map((m) => now.plus({ months: m }).toISODate()),
          },
        ],
      });
    }
    pairs.push({ id: id.toString(), mentorId: mentor.userId, menteeId: mentee.userId, status, channelId });
  }

  for (let i = 0; i < mentors.length; i += BATCH)
    await models.profiles.collection.insertMany(stamped(mentors.slice(i, i + BATCH), now));
  for (let i = 0; i < mentees.length; i += BATCH)
    await models.profiles.collection.insertMany(stamped(mentees.slice(i, i + BATCH), now));
  for (let i = 0; i < relationships.length; i += BATCH)
    await models.relationships.collection.insertMany(stamped(relationships.slice(i, i + BATCH), now));
  if (goalForms.length > 0) await models.goalForms.collection.insertMany(stamped(goalForms, now));
  return { mentorIds: mentors.map((m) => m.userId), menteeIds: mentees.map((m) => m.userId), pairs };
}

function stamped<T extends object>(docs: T[], now: DateTime): (T & { createdAt: Date; updatedAt: Date })[] {
  const at = now.toJSDate();
  return docs.map((doc) => ({ ...doc, createdAt: at, updatedAt: at, __v: 0 }));
}
