/**
 * Command-line options of the scheduler benchmark. `--quick` is a small run for checking the benchmark
 * itself works; the defaults are the full run whose figures go in BENCHMARKS.md.
 */
export interface BenchOptions {
  quick: boolean;
  /** Figures 1 and 2 only (seeding and planning). */
  plannerOnly: boolean;
  /** Relationships seeded for the planner figures. */
  relationships: number;
  /** Share of them changed since the last planning (nextPlanAt set) when the run starts. */
  markedFraction: number;
  /** Relationships marked anew before each measured planner tick. */
  markedPerTick: number;
  /** Measured planner ticks (the median is reported). */
  plannerTicks: number;
  /** Agenda prompts due when the full re-plan starts, for the dispatcher to send meanwhile. */
  replanSupply: number;
  /** Prompts dispatched with no rate limit, to learn the dispatcher's own pace. */
  capacityPrompts: number;
  /** chat.postMessage calls per minute the emulator allows in the rate-limited run. */
  ratePerMinute: number;
  /** How long the rate-limited run lasts: whole minutes, because the emulator's limit is per 60 s window. */
  rateLimitedSeconds: number;
  /** Kill-and-restart trials with two dispatcher processes. */
  trials: number;
  /** Prompts enqueued per trial. */
  promptsPerTrial: number;
  /** Dispatcher lease in the trials: short, so a killed process's prompts come back quickly. */
  trialLeaseMs: number;
}

const FULL: BenchOptions = {
  quick: false,
  plannerOnly: false,
  relationships: 100_000,
  markedFraction: 0.01,
  markedPerTick: 200,
  plannerTicks: 5,
  replanSupply: 1_500,
  capacityPrompts: 200,
  ratePerMinute: 600,
  rateLimitedSeconds: 120,
  trials: 8,
  promptsPerTrial: 80,
  trialLeaseMs: 5_000,
};

const QUICK: BenchOptions = {
  ...FULL,
  quick: true,
  relationships: 5_000,
  markedPerTick: 20,
  plannerTicks: 3,
  replanSupply: 300,
  capacityPrompts: 60,
  ratePerMinute: 120,
  rateLimitedSeconds: 60,
  trials: 3,
  promptsPerTrial: 40,
};

const USAGE =
  'usage: npm run bench:scheduler -- [--quick] [--planner-only] [--relationships N] [--trials N] [--rate PER_MINUTE]';

/** Options that take a positive whole number, by flag. */
const NUMERIC_FLAGS: Record<string, 'relationships' | 'trials' | 'ratePerMinute'> = {
  '--relationships': 'relationships',
  '--trials': 'trials',
  '--rate': 'ratePerMinute',
};

/** Parses `process.argv.slice(2)`; throws with the usage line on anything it does not know. */
export function parseOptions(args: string[]): BenchOptions {
  const options = { ...(args.includes('--quick') ? QUICK : FULL) };
  options.plannerOnly = args.includes('--planner-only');
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    if (flag === '--quick' || flag === '--planner-only') continue;
    const field = NUMERIC_FLAGS[flag];
    if (field === undefined) throw new Error(`unknown option ${flag}\n${USAGE}`);
    const value = Number(args[++i]);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${flag} expects a positive whole number\n${USAGE}`);
    options[field] = value;
  }
  return options;
}
