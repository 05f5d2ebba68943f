import { ConfigError, loadConfig } from '../../src/server/config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
}

describe('SEATWISE_RETENTION_DAYS: how long bookings and claims are kept', () => {
  it('keeps 90 days unless told otherwise', () => {
    expect(loadConfig({}).retentionDays).toBe(90);
    expect(loadConfig({ SEATWISE_RETENTION_DAYS: '30' }).retentionDays).toBe(30);
  });

  it.each([['0'], ['7'], ['12.5'], ['forever'], ['4000']])('refuses %s with a message naming the variable', (value) => {
    const problems = problemsOf({ SEATWISE_RETENTION_DAYS: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SEATWISE_RETENTION_DAYS: /);
  });
});
