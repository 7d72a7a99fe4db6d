// The benchmark's HTTP client, run as a second process on loopback; prints latencies (ms) as JSON.
import { caseListApi, transitions } from './core.ts';

const server = JSON.parse(process.env.BENCH_SERVER ?? '{}') as { url: string; demo: { username: string; password: string }[]; floorUrl?: string };
const mode = process.argv[2];
const r3 = (xs: number[]) => xs.map((x) => Math.round(x * 1000) / 1000);
if (mode === 'transitions') process.stdout.write(JSON.stringify(r3(await transitions(server))));
else {
  const l = await caseListApi(server, server.floorUrl);
  process.stdout.write(JSON.stringify({ http: r3(l.http), app: r3(l.app), floor: r3(l.floor), bare: r3(l.bare) }));
}
