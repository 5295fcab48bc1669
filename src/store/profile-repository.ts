import type { ApplicationRole } from '../domain/application-form';
import {
  SEARCH_FIELDS_VERSION,
  SEARCH_WORD_POINTS,
  SHARED_INTEREST_POINTS,
  searchFieldsOf,
  type DirectoryMentor,
  type PreparedMentor,
  type SearchFields,
  type WordLookup,
} from '../domain/matching';
import type { StaffDirectoryTotals } from '../domain/directory-upkeep';
import { PSEUDONYM_PREFIX } from '../domain/data-requests';
import type { ProfileRecord } from '../domain/records';
import type { Models } from './database';
import { operator } from './mapping';
import { IN_DIRECTORY } from './schemas';

/** A mentor in the directory as it ranks and shows them, read with no more fields than that. */
export type DirectoryCandidate = PreparedMentor & DirectoryMentor & { freeSeats: number };

/** What the directory reads of the mentee it searches for. */
export interface DirectoryMentee {
  approved: boolean;
  academicInterests: string[];
  careerInterests: string[];
  search?: Pick<SearchFields, 'academicKeys' | 'careerKeys'>;
}

/** Free seats as every write that changes capacity or openRelationships recomputes them (an update pipeline). */
const FREE_SEATS = {
  $max: [0, { $subtract: [{ $ifNull: ['$capacity', 0] }, { $ifNull: ['$openRelationships', 0] }] }],
};
const WITH_FREE_SEATS = { $set: { freeSeats: FREE_SEATS } };

/** Profile reads leave out the stored search fields: only the directory's own queries need them. */
const WITHOUT_SEARCH = { search: 0, freeSeats: 0, lastActiveAt: 0, lastRequestedAt: 0 } as const;

const CANDIDATE_FIELDS = {
  _id: 0,
  userId: 1,
  displayName: 1,
  occupation: 1,
  industry: 1,
  academicInterests: 1,
  careerInterests: 1,
  freeSeats: 1,
  lastActiveAt: 1,
  'search.academicKeys': 1,
  'search.careerKeys': 1,
} as const;

function inDirectory(exceptUserId: string) {
  return {
    role: 'mentor' as const,
    approved: true,
    listed: true,
    freeSeats: operator({ $gt: 0 }),
    userId: operator({ $ne: exceptUserId }),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function asCandidate(doc: unknown): DirectoryCandidate {
  const d = doc as DirectoryCandidate & { search?: Partial<SearchFields> };
  return {
    ...d,
    search: {
      academicKeys: d.search?.academicKeys ?? [],
      careerKeys: d.search?.careerKeys ?? [],
      text: d.search?.text ?? [],
    },
  };
}

/** A person's stored zones: one per profile they have. */
export type StoredZones = Partial<Record<ApplicationRole, string | undefined>>;

/** A profile as App Home reads it (`homeSummariesOf`). */
export type HomeProfileSummary = Pick<
  ProfileRecord,
  'userId' | 'role' | 'displayName' | 'timezone' | 'approved' | 'openRelationships' | 'capacity' | 'listed'
>;

export type CapacityChange = 'changed' | 'below_open_relationships' | 'not_a_mentor';

export type ListingChange = 'changed' | 'unchanged' | 'not_a_mentor';

/** A mentor's listing and seats, with when they were last active: what staff see of them. */
export interface MentorSeats {
  userId: string;
  listed: boolean;
  capacity: number;
  openRelationships: number;
  lastActiveAt?: Date | undefined;
}

function seatsFrom(doc: {
  userId: string;
  listed?: boolean | null;
  capacity?: number | null;
  openRelationships?: number | null;
  lastActiveAt?: Date | null;
}): MentorSeats {
  return {
    userId: doc.userId,
    listed: doc.listed === true,
    capacity: doc.capacity ?? 0,
    openRelationships: doc.openRelationships ?? 0,
    lastActiveAt: doc.lastActiveAt ?? undefined,
  };
}

/** Profiles: one per person and role, written when an application is approved. */
export function createProfileRepository(models: Models) {
  const { profiles } = models;
  const lean = (doc: unknown) => (doc ? (stripId(doc) as ProfileRecord) : undefined);

  /**
   * The directory ranked by MongoDB from its postings (the covered interest and term indexes), without
   * reading a profile: one branch per interest key and one per search word, each the mentors it finds
   * (each mentor once per branch), grouped by mentor to count shared interests and words found, scored as
   * `scorePrepared` scores, sorted as `directoryOrder` sorts, and cut to the page. With words, only
   * mentors a word is found in; without, only those sharing an interest.
   */
  async function ranked(
    interestKeys: string[],
    words: WordLookup[],
    exceptUserId: string,
    offset: number,
    limit: number,
  ): Promise<{ total: number; page: { _id: string }[] }> {
    // Aggregation stages are not sanitised: every value here is the store's own (the keys are read from
    // the mentee's stored profile and always start with `a:` or `c:`; the word patterns are built by
    // `wordLookups`, escaping everything but letters, digits and spaces).
    const listed = { ...IN_DIRECTORY, userId: { $ne: exceptUserId } };
    const branches = [
      ...interestKeys.map((key) => ({
        match: { ...listed, 'search.interestKeys': key },
        shared: 1,
        word: 0,
      })),
      ...words.map((w) => ({
        match: {
          ...listed,
          'search.terms': new RegExp(`^${escapeRegExp(w.termPrefix)}`),
          ...(w.textPattern ? { 'search.text': w.textPattern } : {}),
        },
        shared: 0,
        word: 1,
      })),
    ];
    const [first, ...others] = branches;
    if (!first) return { total: 0, page: [] };
    const branch = (b: typeof first) => [
      { $match: b.match },
      { $project: { _id: 0, userId: 1, freeSeats: 1 } },
      { $set: { shared: { $literal: b.shared }, word: { $literal: b.word } } },
    ];
    const [result] = await profiles.aggregate<{ total: { n: number }[]; page: { _id: string }[] }>([
      ...branch(first),
      ...others.map((b) => ({
        $unionWith: { coll: profiles.collection.collectionName, pipeline: branch(b) },
      })),
      {
        $group: {
          _id: '$userId',
          freeSeats: { $first: '$freeSeats' },
          shared: { $sum: '$shared' },
          words: { $sum: '$word' },
        },
      },
      ...(words.length > 0 ? [{ $match: { words: { $gt: 0 } } }] : []),
      {
        $set: {
          score: {
            $add: [
              { $multiply: [SHARED_INTEREST_POINTS, '$shared'] },
              { $multiply: [SEARCH_WORD_POINTS, '$words'] },
            ],
          },
        },
      },
      {
        $facet: {
          total: [{ $count: 'n' }],
          page: [
            { $sort: { score: -1, freeSeats: -1, _id: 1 } },
            { $skip: offset },
            { $limit: limit },
            { $project: { _id: 1 } },
          ],
        },
      },
    ]);
    return { total: result?.total[0]?.n ?? 0, page: result?.page ?? [] };
  }

  /** The shown fields of the mentors `ids` names, in that order (with their words to say what matched). */
  async function candidates(ids: string[], withText: boolean): Promise<DirectoryCandidate[]> {
    if (ids.length === 0) return [];
    const docs = await profiles
      .find(
        { userId: operator({ $in: ids }), role: 'mentor' },
        withText ? { ...CANDIDATE_FIELDS, 'search.text': 1 } : CANDIDATE_FIELDS,
      )
      .lean();
    const byId = new Map(docs.map((doc) => [doc.userId, asCandidate(doc)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
  return {
    async get(userId: string, role: ApplicationRole): Promise<ProfileRecord | undefined> {
      return lean(await profiles.findOne({ userId, role }, WITHOUT_SEARCH).lean());
    },

    async getMany(userIds: string[], role: ApplicationRole): Promise<ProfileRecord[]> {
      const docs = await profiles.find({ userId: operator({ $in: userIds }), role }, WITHOUT_SEARCH).lean();
      return docs.map((doc) => stripId(doc) as ProfileRecord);
    },

    /**
     * What App Home shows of these people, in every role they have (one query): the name, the time zone, and a
     * mentor's seats and directory status; nothing they wrote about themselves.
     */
    async homeSummariesOf(userIds: readonly string[]): Promise<HomeProfileSummary[]> {
      if (userIds.length === 0) return [];
      const docs = await profiles
        .find(
          { userId: operator({ $in: [...new Set(userIds)] }) },
          {
            _id: 0,
            userId: 1,
            role: 1,
            displayName: 1,
            timezone: 1,
            approved: 1,
            openRelationships: 1,
            capacity: 1,
            listed: 1,
          },
        )
        .lean();
      return docs.map((doc) => ({
        userId: doc.userId,
        role: doc.role as ApplicationRole,
        displayName: doc.displayName ?? '',
        timezone: doc.timezone ?? undefined,
        approved: Boolean(doc.approved),
        openRelationships: doc.openRelationships ?? 0,
        capacity: doc.capacity ?? undefined,
        listed: Boolean(doc.listed),
      }));
    },

    /** The display names of these people in this role (those with a profile), read with nothing else. */
    async displayNames(userIds: string[], role: ApplicationRole): Promise<Map<string, string>> {
      const docs = await profiles
        .find({ userId: operator({ $in: userIds }), role }, { _id: 0, userId: 1, displayName: 1 })
        .lean();
      return new Map(docs.map((doc) => [doc.userId, doc.displayName ?? '']));
    },

    /** Creates or refreshes a profile from approved answers, keeping seats already taken. */
    async saveApproved(
      approved: Omit<ProfileRecord, 'openRelationships' | 'approved'>,
    ): Promise<ProfileRecord> {
      // A moment of activity only ever moves forward (a later one may already be stored).
      const { lastActiveAt, ...profile } = approved;
      const doc = await profiles
        .findOneAndUpdate(
          { userId: profile.userId, role: profile.role },
          {
            $set: { ...profile, approved: true, search: searchFieldsOf(profile) },
            $setOnInsert: { openRelationships: 0 },
            ...(lastActiveAt ? { $max: { lastActiveAt } } : {}),
          },
          { upsert: true, returnDocument: 'after', projection: WITHOUT_SEARCH },
        )
        .lean();
      await profiles.updateOne({ userId: profile.userId, role: profile.role }, [WITH_FREE_SEATS], {
        updatePipeline: true,
      });
      return stripId(doc) as ProfileRecord;
    },

    /** What the directory needs of a mentee: approval and interests (with their stored keys). */
    async directoryMentee(userId: string): Promise<DirectoryMentee | undefined> {
      const doc = await profiles
        .findOne(
          { userId, role: 'mentee' },
          {
            _id: 0,
            approved: 1,
            academicInterests: 1,
            careerInterests: 1,
            'search.academicKeys': 1,
            'search.careerKeys': 1,
          },
        )
        .lean();
      return (doc as DirectoryMentee | null) ?? undefined;
    },

    /**
     * A page of the directory in its order when no search words are given: mentors sharing the most of
     * `interestKeys` first, then most free seats, then user id (`rankMentors`), skipping `offset`. MongoDB
     * ranks only the mentors who share one, from the index alone (`ranked`); the rest follow in the order
     * of the directory's own index. `total`: every mentor in the directory, counted from that index.
     */
    async directoryPage(
      interestKeys: string[],
      exceptUserId: string,
      offset: number,
      limit: number,
    ): Promise<{ total: number; mentors: DirectoryCandidate[] }> {
      const listed = inDirectory(exceptUserId);
      const [total, sharing] = await Promise.all([
        profiles.countDocuments(listed),
        ranked(interestKeys, [], exceptUserId, offset, limit),
      ]);
      const ids = sharing.page.map((m) => m._id);
      if (ids.length < limit) {
        const rest = await profiles
          .find({ ...listed, 'search.interestKeys': operator({ $nin: interestKeys }) }, { _id: 0, userId: 1 })
          .sort({ freeSeats: -1, userId: 1 })
          .skip(Math.max(0, offset - sharing.total))
          .limit(limit - ids.length)
          .lean();
        ids.push(...rest.map((m) => m.userId));
      }
      return { total, mentors: await candidates(ids, false) };
    },

    /**
     * A page of the mentors in the directory that at least one of `words` is found in, in the directory's
     * order (`rankMentors` with those words), skipping `offset`; `total`: how many there are. MongoDB finds
     * and ranks them from the index alone and hands over only the page.
     */
    async directorySearch(
      interestKeys: string[],
      words: WordLookup[],
      exceptUserId: string,
      offset: number,
      limit: number,
    ): Promise<{ total: number; mentors: DirectoryCandidate[] }> {
      const found = await ranked(interestKeys, words, exceptUserId, offset, limit);
      return {
        total: found.total,
        mentors: await candidates(
          found.page.map((m) => m._id),
          true,
        ),
      };
    },

    /**
     * Brings profiles written before the directory kept search fields (or under older rules) up to date:
     * each gets its search fields and free seats. Safe to run at every start and in several copies at
     * once: a profile is only written while its fields are still out of date, so a profile changed
     * meanwhile (which writes current fields itself) is left as it is. Answers how many it updated.
     */
    // Batches of 100: 7,000 profiles at 500 a batch raised the process's peak memory by about 90 MB (the
    // cursor's batch, every profile's search terms and the bulk write's buffer at once), at 100 by 25 MB,
    // taking about a tenth longer.
    async bringSearchFieldsUpToDate(batchSize = 100): Promise<number> {
      const stale = { 'search.version': operator({ $ne: SEARCH_FIELDS_VERSION }) };
      let updated = 0;
      const cursor = profiles
        .find(stale, {
          academicInterests: 1,
          careerInterests: 1,
          occupation: 1,
          industry: 1,
          bio: 1,
          degree: 1,
        })
        .lean()
        .cursor({ batchSize });
      let batch: Parameters<typeof profiles.bulkWrite>[0] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const result = await profiles.bulkWrite(batch, { ordered: false });
        updated += result.modifiedCount;
        batch = [];
      };
      for await (const doc of cursor) {
        const fields = searchFieldsOf({
          academicInterests: doc.academicInterests ?? [],
          careerInterests: doc.careerInterests ?? [],
          occupation: doc.occupation ?? undefined,
          industry: doc.industry ?? undefined,
          bio: doc.bio ?? undefined,
          degree: doc.degree ?? undefined,
        });
        batch.push({
          updateOne: {
            filter: { _id: doc._id, ...stale },
            update: [{ $set: { search: { $literal: fields }, freeSeats: FREE_SEATS } }],
            updatePipeline: true,
          } as never,
        });
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      return updated;
    },

    async listApprovedMentees(): Promise<ProfileRecord[]> {
      const docs = await profiles.find({ role: 'mentee', approved: true }, WITHOUT_SEARCH).lean();
      return docs.map((doc) => stripId(doc) as ProfileRecord);
    },

    /**
     * Takes one of a mentor's seats if one is free, in a single conditional update, so concurrent accepts
     * can never take more seats than the capacity. True when a seat was taken.
     */
    async claimSeat(mentorId: string): Promise<boolean> {
      const result = await profiles.updateOne(
        {
          userId: mentorId,
          role: 'mentor',
          approved: true,
          $expr: operator({ $lt: ['$openRelationships', '$capacity'] }),
        },
        [{ $set: { openRelationships: { $add: ['$openRelationships', 1] } } }, WITH_FREE_SEATS],
        { updatePipeline: true },
      );
      return result.modifiedCount === 1;
    },

    async releaseSeat(mentorId: string): Promise<void> {
      await profiles.updateOne(
        { userId: mentorId, role: 'mentor', openRelationships: operator({ $gt: 0 }) },
        [{ $set: { openRelationships: { $add: ['$openRelationships', -1] } } }, WITH_FREE_SEATS],
        { updatePipeline: true },
      );
    },

    /** Sets a mentor's capacity unless it would drop below the relationships already open. */
    async setCapacity(mentorId: string, capacity: number): Promise<CapacityChange> {
      const result = await profiles.updateOne(
        { userId: mentorId, role: 'mentor', approved: true, openRelationships: operator({ $lte: capacity }) },
        [{ $set: { capacity: { $literal: capacity } } }, WITH_FREE_SEATS],
        { updatePipeline: true },
      );
      if (result.matchedCount === 1) return 'changed';
      const exists = await profiles.exists({ userId: mentorId, role: 'mentor', approved: true });
      return exists ? 'below_open_relationships' : 'not_a_mentor';
    },

    /** Each of these people's stored time zones, by role (one query for them all). */
    async timezonesOf(userIds: string[]): Promise<Map<string, StoredZones>> {
      const zones = new Map<string, StoredZones>();
      if (userIds.length === 0) return zones;
      const docs = await profiles
        .find({ userId: operator({ $in: userIds }) }, { _id: 0, userId: 1, role: 1, timezone: 1 })
        .lean();
      for (const doc of docs) {
        const entry = zones.get(doc.userId) ?? {};
        entry[doc.role as ApplicationRole] = doc.timezone ?? undefined;
        zones.set(doc.userId, entry);
      }
      return zones;
    },

    /**
     * People whose time zone was last read from Slack before `before` (or never), longest ago first, at
     * most `limit` of them (through the `timezoneCheckedAt` index).
     */
    async staleTimezones(before: Date, limit: number): Promise<string[]> {
      const docs = await profiles
        .find({ timezoneCheckedAt: operator({ $not: { $gt: before } }) }, { _id: 0, userId: 1 })
        .sort({ timezoneCheckedAt: 1 })
        .limit(limit * 2) // a person can have two profiles
        .lean();
      return [...new Set(docs.map((doc) => doc.userId))].slice(0, limit);
    },

    /**
     * Takes the check of a person's stale time zone, so two copies of the bot don't both ask Slack: true
     * when this caller moved `timezoneCheckedAt` on to `at`. The previous time, to put back on a failure.
     */
    async claimTimezoneCheck(
      userId: string,
      before: Date,
      at: Date,
    ): Promise<{ claimed: boolean; previous: Date | undefined }> {
      const doc = await profiles
        .findOneAndUpdate(
          { userId, timezoneCheckedAt: operator({ $not: { $gt: before } }) },
          { $set: { timezoneCheckedAt: at } },
          { projection: { timezoneCheckedAt: 1 }, timestamps: false },
        )
        .lean();
      if (!doc) return { claimed: false, previous: undefined };
      // The person's other profile (if any) follows, so it is not picked up again.
      await profiles.updateMany(
        { userId, timezoneCheckedAt: operator({ $not: { $gt: before } }) },
        { $set: { timezoneCheckedAt: at } },
        { timestamps: false },
      );
      return { claimed: true, previous: doc.timezoneCheckedAt ?? undefined };
    },

    /** Puts back when a person's zone was last checked (the check failed: it is tried again later). */
    async releaseTimezoneCheck(userId: string, claimedAt: Date, previous: Date | undefined): Promise<void> {
      await profiles.updateMany(
        { userId, timezoneCheckedAt: claimedAt },
        previous ? { $set: { timezoneCheckedAt: previous } } : { $unset: { timezoneCheckedAt: 1 } },
        { timestamps: false },
      );
    },

    /**
     * Stores the time zone Slack reports for a person (on each of their profiles); true when it differs
     * from what was stored on any of them (their prompts need planning again).
     */
    async setTimezone(userId: string, timezone: string | undefined, at: Date): Promise<boolean> {
      if (!timezone) {
        await profiles.updateMany({ userId }, { $set: { timezoneCheckedAt: at } });
        return false;
      }
      const changed = await profiles.updateMany(
        { userId, timezone: operator({ $ne: timezone }) },
        { $set: { timezone, timezoneCheckedAt: at } },
      );
      await profiles.updateMany({ userId }, { $set: { timezoneCheckedAt: at } }, { timestamps: false });
      return changed.modifiedCount > 0;
    },

    // Keeping the directory current (src/services/directory-upkeep.ts).

    /**
     * Lists or unlists an approved mentor: `changed` when this call changed it (one conditional update, so of
     * two at once only one changes it), `unchanged` when it already was so, `not_a_mentor` otherwise.
     */
    async changeListed(mentorId: string, listed: boolean): Promise<ListingChange> {
      const result = await profiles.updateOne(
        { userId: mentorId, role: 'mentor', approved: true, listed: operator({ $ne: listed }) },
        { $set: { listed } },
      );
      if (result.modifiedCount === 1) return 'changed';
      const exists = await profiles.exists({ userId: mentorId, role: 'mentor', approved: true });
      return exists ? 'unchanged' : 'not_a_mentor';
    },

    /**
     * Inside a request's transaction: the mentor still takes requests (listed, unless staff ask, and with a
     * free seat), checked and marked with one conditional write, so a request racing an unlist or the last
     * seat being taken either sees it or is seen by it. False when they no longer do.
     */
    async markRequested(mentorId: string, byStaff: boolean, at: Date): Promise<boolean> {
      const result = await profiles.updateOne(
        {
          userId: mentorId,
          role: 'mentor',
          approved: true,
          freeSeats: operator({ $gt: 0 }),
          ...(byStaff ? {} : { listed: true }),
        },
        { $set: { lastRequestedAt: at } },
        { timestamps: false },
      );
      return result.matchedCount === 1;
    },

    /** What decides whether requests waiting on a mentor stay: listed, capacity, seats taken. */
    async seatsOf(mentorId: string): Promise<MentorSeats | undefined> {
      const doc = await profiles
        .findOne(
          { userId: mentorId, role: 'mentor', approved: true },
          { _id: 0, userId: 1, listed: 1, capacity: 1, openRelationships: 1, lastActiveAt: 1 },
        )
        .lean();
      return doc ? seatsFrom(doc) : undefined;
    },

    /**
     * Notes that a person used the bot at `at`, on each of their profiles, unless a moment after
     * `staleBefore` is already stored (so a busy person costs one write an hour, not one per request).
     */
    async touchActivity(userId: string, at: Date, staleBefore: Date): Promise<void> {
      await profiles.updateMany(
        { userId, lastActiveAt: operator({ $not: { $gt: staleBefore } }) },
        { $set: { lastActiveAt: at } },
        { timestamps: false },
      );
    },

    /**
     * A page of every approved mentor for staff (listed first, then the longest quiet, then user id), with
     * seats and dates only (no bio or anything they wrote), and the totals over all of them.
     */
    async staffDirectory(
      offset: number,
      limit: number,
      quietBefore: Date,
    ): Promise<{ mentors: MentorSeats[]; totals: StaffDirectoryTotals }> {
      // An erased mentor's profile stays for the program's figures, but is no longer anyone staff can list.
      const approvedMentors = {
        role: 'mentor' as const,
        approved: true,
        userId: operator({ $not: new RegExp(`^${PSEUDONYM_PREFIX}`) }),
      };
      const [docs, [totals]] = await Promise.all([
        profiles
          .find(approvedMentors, {
            _id: 0,
            userId: 1,
            listed: 1,
            capacity: 1,
            openRelationships: 1,
            lastActiveAt: 1,
          })
          .sort({ listed: -1, lastActiveAt: 1, userId: 1 })
          .skip(offset)
          .limit(limit)
          .lean(),
        profiles.aggregate<StaffDirectoryTotals>([
          { $match: approvedMentors },
          {
            $group: {
              _id: null,
              mentors: { $sum: 1 },
              listed: { $sum: { $cond: ['$listed', 1, 0] } },
              offered: { $sum: { $ifNull: ['$capacity', 0] } },
              used: { $sum: { $ifNull: ['$openRelationships', 0] } },
              listedFull: {
                $sum: {
                  $cond: [
                    {
                      $and: [
                        '$listed',
                        { $lte: [{ $ifNull: ['$capacity', 0] }, { $ifNull: ['$openRelationships', 0] }] },
                      ],
                    },
                    1,
                    0,
                  ],
                },
              },
              listedQuiet: {
                $sum: {
                  $cond: [
                    {
                      $and: ['$listed', { $lt: [{ $ifNull: ['$lastActiveAt', new Date(0)] }, quietBefore] }],
                    },
                    1,
                    0,
                  ],
                },
              },
            },
          },
          { $project: { _id: 0 } },
        ]),
      ]);
      return {
        mentors: docs.map(seatsFrom),
        totals: totals ?? { mentors: 0, listed: 0, offered: 0, used: 0, listedFull: 0, listedQuiet: 0 },
      };
    },
  };
}
export type ProfileRepository = ReturnType<typeof createProfileRepository>;

function stripId(doc: unknown): unknown {
  const {
    _id: _ignored,
    __v: _version,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = doc as Record<string, unknown>;
  return rest;
}
