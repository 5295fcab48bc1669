import type { Models } from './database';

export interface AuditEntry {
  at: Date;
  actorId: string;
  action: string;
  subjectType: 'application' | 'relationship' | 'profile' | 'person';
  subjectId: string;
  /** Statuses, ids and counts only: never what people wrote. */
  details?: Record<string, unknown>;
}

/** The audit trail: who did what, when. Append-only. */
export function createAuditRepository(models: Models) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await models.auditEvents.create(entry);
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
