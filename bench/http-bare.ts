import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';

/**
 * The floor: a Bolt app on the same HTTP receiver, signing secret and Node as the bot, whose every
 * listener only acknowledges. Prints `ready <port>`; stops on SIGTERM. Started by bench/http.ts.
 */
async function main(): Promise<void> {
  const app = new App({
    token: process.env.BENCH_BOT_TOKEN,
    signingSecret: process.env.BENCH_SIGNING_SECRET ?? '',
    clientOptions: { slackApiUrl: process.env.BENCH_SLACK_API_URL },
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  app.event(/.*/, async () => undefined);
  const server = (await app.start(0)) as Server;
  process.on('SIGTERM', () => {
    void app.stop().then(() => process.exit(0));
  });
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `http-bare: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
