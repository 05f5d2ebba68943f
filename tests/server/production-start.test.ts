import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/server/main.js');

/** Runs the compiled server with plain node: no tsx, no ts-jest. */
/** With `waitFor`, stops the server (SIGINT) once its output matches; without, waits for it to exit by itself. */
function runCompiled(
  env: NodeJS.ProcessEnv,
  waitFor: RegExp | null,
  onMatch: (m: RegExpExecArray) => Promise<void> = async () => {},
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string; matched: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { PATH: process.env['PATH'], ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let matched = false;
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = waitFor && !matched ? waitFor.exec(output) : null;
      if (m) {
        matched = true;
        void onMatch(m).finally(() => child.kill('SIGINT'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, matched });
    });
  });
}

describe('npm run build and start:prod: the compiled server, without TypeScript tooling', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  }, 120_000);

  it('builds dist/server/main.js', () => {
    expect(existsSync(MAIN)).toBe(true);
  });

  it('refuses to start in production without bot auth, tenants or storage, saying what to set', async () => {
    const r = await runCompiled({ NODE_ENV: 'production' }, null);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/BOT_ID is empty/);
    expect(r.output).toMatch(/ALLOWED_TENANT_IDS is empty/);
    expect(r.output).toMatch(/no storage is configured/);
  });

  it('refuses dev authentication and Azurite storage in production', async () => {
    const r = await runCompiled(
      { NODE_ENV: 'production', AUTH_MODE: 'dev', BOT_ID: 'b', BOT_TYPE: 'UserAssignedMsi', ALLOWED_TENANT_IDS: 't', AZURE_TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' },
      null,
    );
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/AUTH_MODE=dev is not allowed/);
    expect(r.output).toMatch(/points at Azurite/);
  });

  it('serves /healthz when started in development with embedded storage', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seatwise-prod-'));
    try {
      let health = 0;
      const r = await runCompiled(
        { NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', SEATWISE_DATA_DIR: dataDir },
        /listening on http:\/\/127\.0\.0\.1:(\d+)/,
        async (m) => {
          health = (await fetch(`http://127.0.0.1:${m[1]}/healthz`)).status;
        },
      );
      expect(r.matched).toBe(true);
      expect(health).toBe(200);
      // JSON logs, one object per line, with no tokens in them.
      const lines = r.output.split('\n').filter((l) => l.startsWith('{'));
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
