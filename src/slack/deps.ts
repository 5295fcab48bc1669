import type { AppConfig } from '../config';
import type { AfterAckQueue } from './after-ack';
import type { ProgramSettings } from '../content/wording';
import type { AppLogger } from '../logger';
import type { Clock } from '../clock';
import type { StaffDirectory } from '../services/staff';
import type { EnrollmentService } from '../services/enrollment';
import type { DirectoryService } from '../services/directory';
import type { RequestService } from '../services/requests';
import type { RelationshipService } from '../services/relationships';
import type { GoalService } from '../services/goals';
import type { HomeService } from '../services/home';
import type { CheckInService } from '../services/check-ins';
import type { CloseOutService } from '../services/close-out';
import type { ProgramReportService } from '../services/program-report';
import type { ExportService } from '../services/exports';
import type { MeetingService } from '../services/meetings';
import type { AtRiskService } from '../services/at-risk';
import type { TimeZoneService } from '../services/time-zones';
import type { DataRequestService } from '../services/data-requests';
import type { DirectoryUpkeepService } from '../services/directory-upkeep';

/** What Slack listeners may use: configuration, the logger, the clock, and (as they land) the services. */
export interface SlackDeps {
  readonly config: AppConfig;
  readonly program: ProgramSettings;
  readonly logger: AppLogger;
  readonly clock: Clock;
  readonly staff: StaffDirectory;
  readonly enrollment: EnrollmentService;
  readonly directory: DirectoryService;
  readonly requests: RequestService;
  readonly relationships: RelationshipService;
  readonly goals: GoalService;
  readonly checkIns: CheckInService;
  readonly closeOut: CloseOutService;
  readonly meetings: MeetingService;
  readonly atRisk: AtRiskService;
  readonly home: HomeService;
  readonly reports: ProgramReportService;
  readonly exports: ExportService;
  readonly dataRequests: DataRequestService;
  readonly timeZones: Pick<TimeZoneService, 'personChanged'>;
  /** Keeping the directory current, and when people were last active. */
  readonly upkeep: DirectoryUpkeepService;
  /** Builds and publishes these people's Home tabs. */
  readonly publishHomes: (userIds: string[]) => Promise<void>;
  /** The queue acknowledged requests wait in before their work starts (see after-ack.ts). */
  readonly afterAck: AfterAckQueue;
}
