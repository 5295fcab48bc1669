/** Plain, aligned output lines: one figure per line, easy to copy into BENCHMARKS.md. */

export function line(section: string, text: string): void {
  process.stdout.write(`${section.padEnd(10)} ${text}\n`);
}

export const count = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
export const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
export const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
export const percent = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Async clean-up steps, run last-registered first, each even if an earlier one failed. */
export class CleanupStack {
  private readonly steps: { name: string; run: () => Promise<unknown> }[] = [];

  push(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  async runAll(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (!step) break;
      try {
        await step.run();
      } catch (error) {
        process.stderr.write(`clean-up: ${step.name} failed: ${String(error)}\n`);
      }
    }
  }
}
