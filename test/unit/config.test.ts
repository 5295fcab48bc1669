import { parseConfig } from '../../src/config';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-123',
  SLACK_SIGNING_SECRET: 'secret',
  ADMIN_CHANNEL_ID: 'C0ADMIN',
};

describe('configuration', () => {
  it('starts from three variables, with the documented defaults for the rest', () => {
    const result = parseConfig(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.slack.socketMode).toBe(false);
    expect(result.config.http.port).toBe(3000);
    expect(result.config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(result.config.program.timezone).toBe('America/Chicago');
    expect(result.config.program.promptLocalHour).toBe(10);
    expect(result.config.program.maxProgramMonths).toBe(12);
    expect(result.config.staff.userIds).toEqual([]);
    expect(result.config.program.interests.length).toBeGreaterThan(10);
    expect(Object.isFrozen(result.config.program)).toBe(true);
  });

  it('names every missing variable on a line of its own', () => {
    const result = parseConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatch(/^SLACK_BOT_TOKEN: required/);
    expect(result.problems.some((p) => p.startsWith('ADMIN_CHANNEL_ID: required'))).toBe(true);
    expect(result.problems.some((p) => p.startsWith('SLACK_SIGNING_SECRET: required in HTTP mode'))).toBe(
      true,
    );
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', 'xoxb-'],
    ['SLACK_APP_TOKEN', 'abc', 'xapp-'],
    ['SLACK_API_URL', 'not a url', 'URL'],
    ['PORT', '70000', '0 to 65535'],
    ['ADMIN_CHANNEL_ID', '#staff', 'C... or G...'],
    ['STAFF_USER_IDS', 'U123,alice', 'U... or W...'],
    ['PROGRAM_TIMEZONE', 'Chicago', 'IANA'],
    ['PROMPT_LOCAL_HOUR', '25', '0 to 23'],
    ['PROMPT_LOCAL_HOUR', '9.5', '0 to 23'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
    ['MONGODB_URI', 'postgres://x', 'mongodb://'],
    ['EVALUATION_FORM_URL', 'form', 'link'],
    ['RETENTION_MONTHS', '0', '1 to 240'],
    ['RETENTION_MONTHS', 'forever', '1 to 240'],
    ['DIGEST_SCHEDULE', 'mondays at nine', '"monday 09:00"'],
    ['DIGEST_SCHEDULE', 'monday 25:00', '"off"'],
  ])('rejects %s=%s, saying what is expected', (name, value, hint) => {
    const result = parseConfig({ ...valid, [name]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(result.problems[0]).toContain(hint);
  });

  it('keeps what people wrote unless RETENTION_MONTHS is set', () => {
    const unset = parseConfig(valid);
    const set = parseConfig({ ...valid, RETENTION_MONTHS: '24' });
    expect(unset.ok && unset.config.privacy.retentionMonths).toBeUndefined();
    expect(set.ok && set.config.privacy.retentionMonths).toBe(24);
  });

  it('uses Socket Mode when an app-level token is set, and then needs no signing secret', () => {
    const result = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      ADMIN_CHANNEL_ID: 'C1AB',
    });
    expect(result.ok && result.config.slack.socketMode).toBe(true);
  });

  it('requires MONGODB_URI in production, where the embedded database is not an option', () => {
    const result = parseConfig({ ...valid, NODE_ENV: 'production' });
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^MONGODB_URI: required when NODE_ENV=production/)],
    });
  });

  it('reads staff ids and the interest list as comma-separated lists', () => {
    const result = parseConfig({
      ...valid,
      STAFF_USER_IDS: ' U1AAA, W2BBB ',
      INTEREST_TAXONOMY: 'Law, Music ,',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.staff.userIds).toEqual(['U1AAA', 'W2BBB']);
    expect(result.config.program.interests).toEqual(['Law', 'Music']);
  });

  it('adds the trailing slash the Web API base URL needs', () => {
    const result = parseConfig({ ...valid, SLACK_API_URL: 'http://127.0.0.1:9999/api' });
    expect(result.ok && result.config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('reads the weekly digest’s day and time (default Monday 09:00), or off', () => {
    const schedule = (value?: string) => {
      const result = parseConfig({ ...valid, ...(value === undefined ? {} : { DIGEST_SCHEDULE: value }) });
      return result.ok ? result.config.digest.schedule : 'invalid';
    };
    expect(schedule()).toEqual({ weekday: 1, hour: 9, minute: 0 });
    expect(schedule('')).toEqual({ weekday: 1, hour: 9, minute: 0 });
    expect(schedule('Fri 16:30')).toEqual({ weekday: 5, hour: 16, minute: 30 });
    expect(schedule('off')).toBeUndefined();
  });
});
