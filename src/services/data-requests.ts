import { createHmac } from 'node:crypto';
import type { Clock } from '../clock';
import {
  ERASURE_COUNT_KEYS,
  isPseudonym,
  nothingStored,
  PSEUDONYM_PREFIX,
  retentionCutoff,
  type ErasureCounts,
} from '../domain/data-requests';
import type { AuditRepository } from '../store/audit-repository';
import type { DataRequestRepository } from '../store/data-request-repository';
import type { FileUploadPort } from './exports';
import { Rollback, type UnitOfWork } from './ports';
import { done, refused, type Result } from './result';
import type { StaffDirectory } from './staff';

export type DataRequestRefusal =
  'not_staff' | 'unknown_person' | 'live_relationships' | 'waiting_application';

/**
 * The stable pseudonym that replaces an erased person's Slack id: an HMAC of the id under the bot's secret,
 * so the same person always gets the same one (re-running an erasure, references between collections) and
 * nobody can work an id back out of it by hashing the workspace's ids.
 */
export function pseudonymFor(secret: string): (userId: string) => string {
  return (userId) =>
    `${PSEUDONYM_PREFIX}${createHmac('sha256', secret).update(userId).digest('hex').slice(0, 24)}`;
}

export interface PersonExport {
  channelId: string;
  filename: string;
  records: number;
}

export interface ErasurePlan {
  userId: string;
  counts: ErasureCounts;
}

interface ErasureTx {
  dataRequests: Pick<DataRequestRepository, 'erase' | 'erasureCounts' | 'eraseRelationshipText'>;
  audit: Pick<AuditRepository, 'record'>;
}

/**
 * `/mentoring admin export-user @person` and `/mentoring admin forget @person`: a person's own data as a
 * JSON file in the staff channel, and their erasure. Staff only, checked here for every call.
 */
export function createDataRequestService(deps: {
  store: Pick<DataRequestRepository, 'personalData' | 'erasureCounts'>;
  unitOfWork: UnitOfWork<ErasureTx>;
  staff: Pick<StaffDirectory, 'isStaff'>;
  uploads: FileUploadPort;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
  adminChannelId: string;
  programTimezone: string;
  pseudonymOf: (userId: string) => string;
}) {
  /**
   * Who may be erased: someone the program holds records of, with no relationship still running and no
   * application waiting (staff decide those first, so no status changes and the report reads the same).
   */
  async function plan(
    userId: string,
    store: Pick<DataRequestRepository, 'erasureCounts'>,
  ): Promise<Result<ErasurePlan, DataRequestRefusal>> {
    if (isPseudonym(userId)) return refused('unknown_person', { userId });
    const { counts, live, waiting } = await store.erasureCounts(userId);
    if (nothingStored(counts)) return refused('unknown_person', { userId });
    if (live > 0) return refused('live_relationships', { userId, live });
    if (waiting > 0) return refused('waiting_application', { userId, waiting });
    return done({ userId, counts });
  }

  return {
    /** Uploads the person's own records (profile, applications, what they wrote, meetings) as JSON. */
    async exportPerson(actorId: string, userId: string): Promise<Result<PersonExport, DataRequestRefusal>> {
      if (!(await deps.staff.isStaff(actorId))) return refused('not_staff');
      if (isPseudonym(userId)) return refused('unknown_person', { userId });
      const data = await deps.store.personalData(userId);
      const records = Object.values(data).reduce((sum, list) => sum + list.length, 0);
      if (records === 0) return refused('unknown_person', { userId });
      const now = deps.clock.now();
      const stamp = now.setZone(deps.programTimezone).toISODate() ?? '';
      const filename = `mentoring-person-${userId}-${stamp}.json`;
      const body = { userId, exportedAt: now.toUTC().toISO(), ...data };
      await deps.uploads.uploadFiles(deps.adminChannelId, [
        {
          filename,
          title: `Data of ${userId} (${stamp})`,
          bytes: Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8'),
        },
      ]);
      await deps.audit.record({
        at: now.toJSDate(),
        actorId,
        action: 'person.exported',
        subjectType: 'person',
        subjectId: userId,
        details: { records },
      });
      return done({ channelId: deps.adminChannelId, filename, records });
    },

    /** What an erasure of the person would change, for staff to confirm; nothing is changed. */
    async erasurePlan(actorId: string, userId: string): Promise<Result<ErasurePlan, DataRequestRefusal>> {
      if (!(await deps.staff.isStaff(actorId))) return refused('not_staff');
      return plan(userId, deps.store);
    },

    /**
     * Erases the person in one transaction, checking again who is acting and what is stored (the modal's
     * metadata proves nothing), and records who erased and when under the pseudonym.
     */
    async erase(
      actorId: string,
      userId: string,
    ): Promise<Result<ErasurePlan & { pseudonym: string }, DataRequestRefusal>> {
      if (!(await deps.staff.isStaff(actorId))) return refused('not_staff');
      const at = deps.clock.now().toJSDate();
      const pseudonym = deps.pseudonymOf(userId);
      return deps.unitOfWork.run(async (tx) => {
        const checked = await plan(userId, tx.dataRequests);
        if (checked.kind !== 'done') throw new Rollback<Result<never, DataRequestRefusal>>(checked);
        await tx.dataRequests.erase(userId, pseudonym, at);
        await tx.audit.record({
          at,
          actorId,
          action: 'person.erased',
          subjectType: 'person',
          subjectId: pseudonym,
          details: Object.fromEntries(ERASURE_COUNT_KEYS.map((key) => [key, checked.value.counts[key]])),
        });
        return done({ ...checked.value, pseudonym });
      });
    },
  };
}
export type DataRequestService = ReturnType<typeof createDataRequestService>;

/** Relationships erased per slice of the retention sweep. */
export const RETENTION_BATCH = 50;
/** How often one copy of the bot looks for relationships past retention (more often while a backlog lasts). */
export const RETENTION_EVERY_MS = 60 * 60 * 1000;

/**
 * `RETENTION_MONTHS`: the free text of relationships that ended longer ago is erased, a bounded slice at a
 * time, one audit entry per relationship (the weekly digest counts them). Safe with several copies: each
 * relationship is claimed by a conditional mark inside its transaction, so it is erased (and audited) once.
 */
export function createRetentionService(deps: {
  store: Pick<DataRequestRepository, 'dueForRetention'>;
  unitOfWork: UnitOfWork<ErasureTx>;
  clock: Clock;
  months: number | undefined;
  batch?: number;
  everyMs?: number;
}) {
  const batch = deps.batch ?? RETENTION_BATCH;
  const everyMs = deps.everyMs ?? RETENTION_EVERY_MS;
  let nextLookAt = 0;

  return {
    async sweep(): Promise<{ erased: number; more?: boolean }> {
      const { months } = deps;
      if (months === undefined) return { erased: 0 };
      const now = deps.clock.now().toJSDate();
      if (now.getTime() < nextLookAt) return { erased: 0 };
      const due = await deps.store.dueForRetention(retentionCutoff(now, months), batch);
      let erased = 0;
      for (const relationshipId of due) {
        const fields = await deps.unitOfWork.run(async (tx) => {
          const count = await tx.dataRequests.eraseRelationshipText(relationshipId, now);
          if (count === undefined) return undefined;
          await tx.audit.record({
            action: 'retention_erased',
            subjectType: 'relationship',
            subjectId: relationshipId,
            actorId: 'system',
            at: now,
            details: { fields: count },
          });
          return count;
        });
        if (fields !== undefined) erased += 1;
      }
      const more = due.length === batch;
      nextLookAt = more ? 0 : now.getTime() + everyMs;
      return more ? { erased, more } : { erased };
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
