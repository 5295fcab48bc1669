import { isDatabaseUnavailable } from '../../src/store/availability';

const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('x'), { name, ...extra });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['the driver finding no server', named('MongoServerSelectionError')],
    ['mongoose finding no server at connect', named('MongooseServerSelectionError')],
    ['a dropped connection', named('MongoNetworkError')],
    ['a network timeout', named('MongoNetworkTimeoutError')],
    ['a cleared connection pool', named('MongoPoolClearedError')],
    ['a client not connected', named('MongoNotConnectedError')],
    ['mongod shutting down', named('MongoServerError', { code: 91 })],
    ['a primary stepping down', named('MongoServerError', { code: 189 })],
    ['no writable primary', named('MongoServerError', { code: 10107 })],
    ['an outage wrapped as a cause', new Error('saving failed', { cause: named('MongoNetworkError') })],
  ])('true for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', named('MongoServerError', { code: 11000 })],
    ['a validation error', named('ValidationError')],
    ['a cast error', named('CastError')],
    ['a Slack error', Object.assign(new Error('x'), { code: 'slack_webapi_platform_error' })],
    ['a plain error', new Error('boom')],
    ['a string', 'MongoNetworkError'],
    ['undefined', undefined],
    ['null', null],
  ])('false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
