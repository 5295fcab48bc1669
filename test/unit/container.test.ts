import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

/**
 * Docker isn't available to the tests, so these check the facts the image and compose file must agree on
 * with the package: what they run, as whom, and where they look for health.
 */
const ROOT = path.join(__dirname, '../..');
const read = (name: string) => readFileSync(path.join(ROOT, name), 'utf8');
const packageJson = JSON.parse(read('package.json')) as { main: string; scripts: Record<string, string> };
const dockerfile = read('Dockerfile');
const compose = load(read('compose.yaml')) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; init?: boolean }>;
};

/** The instructions of the final (runtime) stage. */
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

describe('the container image and compose file', () => {
  it('runs the compiled entry point with node itself, as the package does', () => {
    expect(runtimeStage).toContain(`CMD ["node", "${packageJson.main}"]`);
    expect(packageJson.scripts['start:prod']).toBe(`exec node ${packageJson.main}`);
    expect(runtimeStage).toMatch(/npm ci --omit=dev/);
    expect(runtimeStage).toMatch(/ENV NODE_ENV=production/);
  });

  it('runs as a user other than root, with a health check on /healthz', () => {
    const users = [...runtimeStage.matchAll(/^USER (\S+)/gm)].map((match) => match[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)$/);
    expect(runtimeStage).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
  });

  it('points the bot at the MongoDB replica set compose starts, with an init process for signals', () => {
    const replSet =
      compose.services.mongo?.command?.[compose.services.mongo.command.indexOf('--replSet') + 1];
    expect(replSet).toBe('rs0');
    const uri = new URL(compose.services.bot?.environment?.MONGODB_URI ?? '');
    expect(uri.hostname).toBe('mongo');
    expect(uri.searchParams.get('replicaSet')).toBe(replSet);
    expect(compose.services.bot?.environment?.NODE_ENV).toBe('production');
    expect(compose.services.bot?.init).toBe(true);
  });
});
