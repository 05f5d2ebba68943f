/**
 * End-to-end helpers: the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`) as a child
 * process; the browser comes from ./chromium.ts.
 *
 * The Playground runs offline. It takes its "current user" from a config file, so each instance can be someone
 * else. It silently falls back to a random port when the one asked for is busy, so the real port is read
 * from its `Listening on <port>` line. It is started in its own process group and the whole group is killed
 * on stop(), and also when the test process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PLAYGROUND_BIN = path.resolve(__dirname, '../../node_modules/.bin/agentsplayground');

export { launchChromium } from './chromium';

/** A port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** The person the Playground plays. */
export interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly givenName: string;
  readonly surname: string;
  readonly email: string;
}

export interface Playground {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  readonly port: number;
  /** The last lines the process wrote, for error messages. */
  output(): string;
  /** Kills the process group (SIGTERM, then SIGKILL), saves its output and log file to `keepLogAs` if given, removes its folder. */
  stop(keepLogAs?: string): Promise<void>;
}

export interface PlaygroundOptions {
  /** e.g. http://127.0.0.1:1234/api/messages */
  readonly botEndpoint: string;
  readonly user: PlaygroundUser;
  readonly startTimeoutMs?: number;
}

/**
 * The Playground config file (schema 0.1.1, the one the built-in default uses). The schema asks for at
 * least five other users; they are made-up colleagues.
 */
function configYaml(user: PlaygroundUser): string {
  const q = (s: string): string => JSON.stringify(s);
  const person = (u: PlaygroundUser, indent: string): string =>
    [
      `id: ${q(u.id)}`,
      `name: ${q(u.name)}`,
      `userPrincipleName: ${q(u.email)}`,
      `aadObjectId: ${q(u.aadObjectId)}`,
      `givenName: ${q(u.givenName)}`,
      `surname: ${q(u.surname)}`,
      `email: ${q(u.email)}`,
    ].join(`\n${indent}`);
  const colleagues: PlaygroundUser[] = [1, 2, 3, 4, 5].map((n) => ({
    id: `colleague-${n}`,
    name: `Colleague ${n}`,
    aadObjectId: `00000000-0000-0000-0000-0000000c0${String(n).padStart(3, '0')}`,
    givenName: 'Colleague',
    surname: String(n),
    email: `colleague${n}@example.com`,
  }));
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-000000000001',
    'bot:',
    '  id: 00000000-0000-0000-0000-000000000011',
    '  name: Seatwise',
    'currentUser:',
    `  ${person(user, '  ')}`,
    'users:',
    ...colleagues.map((c) => `  - ${person(c, '    ')}`),
    'personalChat:',
    '  id: personal-chat',
    'groupChat:',
    '  id: group-chat',
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: My Team',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-announcements-id',
    '      name: Announcements',
    '',
  ].join('\n');
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts the Playground in a fresh temporary folder (it writes devTools/ there), pointed at the bot. */
export async function startPlayground(opts: PlaygroundOptions): Promise<Playground> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'seatwise-playground-'));
  const configPath = path.join(cwd, '.m365agentsplayground.yml');
  const logPath = path.join(cwd, 'devTools', 'm365agentsplayground.log');
  writeFileSync(configPath, configYaml(opts.user));
  const askedPort = await freePort();

  const child = spawn(PLAYGROUND_BIN, ['start', '--disable-telemetry'], {
    cwd,
    detached: true, // its own process group, so that stop() can kill it and anything it starts
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BOT_ENDPOINT: opts.botEndpoint,
      TEAMSAPPTESTER_PORT: String(askedPort),
      TEAMSAPPTESTER_BROWSER: 'none',
      DEFAULT_CHANNEL_ID: 'msteams',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    },
  });
  const onExit = (): void => killGroup(child, 'SIGKILL');
  process.on('exit', onExit);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );

  const lines: string[] = [];
  let portResolve: (port: number) => void = () => undefined;
  const portPromise = new Promise<number>((resolve) => (portResolve = resolve));
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      const m = /Listening on (\d+)/.exec(line);
      if (m) portResolve(Number(m[1]));
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const output = (): string => {
    let log = '';
    try {
      log = readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      log = '(no log file)';
    }
    return `--- output ---\n${lines.join('\n')}\n--- ${logPath} (tail) ---\n${log}`;
  };

  let stopped = false;
  const stop = async (keepLogAs?: string): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const timer = new Promise<void>((r) => setTimeout(r, 5000).unref());
      await Promise.race([exitedPromise, timer]);
      if (!exited) {
        killGroup(child, 'SIGKILL');
        await Promise.race([exitedPromise, new Promise<void>((r) => setTimeout(r, 2000).unref())]);
      }
    }
    // Whatever the Playground itself started lives in its group too.
    killGroup(child, 'SIGKILL');
    process.off('exit', onExit);
    if (keepLogAs) {
      // Its log file misses what it had not flushed when killed; its stdout has the rest.
      mkdirSync(path.dirname(keepLogAs), { recursive: true });
      const file = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '(no log file)\n';
      writeFileSync(
        keepLogAs,
        `--- stdout and stderr ---\n${lines.join('\n')}\n--- ${path.basename(logPath)} ---\n${file}`,
      );
    }
    rmSync(cwd, { recursive: true, force: true });
  };

  const timeoutMs = opts.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  try {
    const port = await Promise.race([
      portPromise,
      exitedPromise.then(() => {
        throw new Error(`the Agents Playground exited (${JSON.stringify(exited)}) before listening`);
      }),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`the Agents Playground did not listen within ${timeoutMs} ms`)),
          timeoutMs,
        ).unref(),
      ),
    ]);
    const url = `http://127.0.0.1:${port}/`;
    // Ready when it serves its page; a bad config file makes it exit right after listening.
    for (;;) {
      if (exited)
        throw new Error(
          `the Agents Playground exited (${JSON.stringify(exited)}) after listening on ${port}`,
        );
      const ok = await fetch(url).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline)
        throw new Error(`the Agents Playground did not serve ${url} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { url, port, output, stop };
  } catch (error) {
    const message = `${(error as Error).message}\n${output()}`;
    await stop();
    throw new Error(message);
  }
}
