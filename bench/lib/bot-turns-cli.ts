/**
 * The bot-turn bench on its own: `npx tsx bench/lib/bot-turns-cli.ts [--turns=200]`.
 * Starts an in-memory embedded Azurite, runs `botTurnLatencies` (the `npm run bench` line "bot turn vs echo turn"),
 * prints the figures with the load average, and exits 1 when the goal (p50 at most 3× an echo turn) is missed.
 * Run with `node --cpu-prof --import tsx` to profile a turn.
 */
import diagnostics from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startEmbeddedAzurite } from '../../src/storage/embedded/embedded-azurite';
import { botTurnLatencies } from './bot-turns';

function option(name: string, fallback: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!flag) return fallback;
  const n = Number(flag.slice(name.length + 3));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

/** CPU milliseconds a process has used so far (Linux /proc; 0 elsewhere). */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

async function main(): Promise<number> {
  const azurite = await startEmbeddedAzurite();
  try {
    // Storage requests, by method: the echo bot makes none, so all are the Seatwise turns' (and the set-up's, a few).
    const requests = new Map<string, number>();
    const count = (message: unknown) => {
      const method = (message as { request?: { method?: string } }).request?.method ?? '?';
      requests.set(method, (requests.get(method) ?? 0) + 1);
    };
    diagnostics.subscribe('http.client.request.start', count);
    const cpu = process.cpuUsage();
    const azuriteCpu = cpuMsOf(azurite.pid);
    const r = await botTurnLatencies(azurite, option('turns', 200));
    const used = process.cpuUsage(cpu);
    const azuriteUsed = cpuMsOf(azurite.pid) - azuriteCpu;
    diagnostics.unsubscribe('http.client.request.start', count);
    const perTurn = [...requests].map(([m, n]) => `${m} ${(n / (r.turns + 20)).toFixed(2)}`).join(', ');
    const ratio = r.seatwise.p50 / r.echo.p50;
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(
      `bot turn vs echo turn p50 ${r.seatwise.p50.toFixed(1)} / ${r.echo.p50.toFixed(1)} ms = ratio ${ratio.toFixed(2)} (goal <= 3)   ` +
        `p99 ${r.seatwise.p99.toFixed(1)} / ${r.echo.p99.toFixed(1)} ms   cpu per turn pair (bot + echo): this process ${((used.user + used.system) / 1000 / (r.turns + 20)).toFixed(1)} ms, Azurite ${(azuriteUsed / (r.turns + 20)).toFixed(1)} ms   storage requests per turn: ${perTurn}   load ${load}`,
    );
    return ratio <= 3 ? 0 : 1;
  } finally {
    await azurite.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error('bot turn bench failed:', error);
    process.exitCode = 1;
  },
);
