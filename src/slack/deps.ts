import type { AppConfig } from '../config';
import type { ProgramSettings } from '../content/wording';
import type { AppLogger } from '../logger';
import type { Clock } from '../clock';
import type { StaffDirectory } from '../services/staff';

/** What Slack listeners may use: configuration, the logger, the clock, and (as they land) the services. */
export interface SlackDeps {
  readonly config: AppConfig;
  readonly program: ProgramSettings;
  readonly logger: AppLogger;
  readonly clock: Clock;
  readonly staff: StaffDirectory;
}
