// The benchmark's HTTP client, run as a second process on loopback; prints latencies (ms) as JSON.
import { caseListApi, transitions } from './core.ts';

const server = JSON.parse(process.env.BENCH_SERVER ?? '{}') as { url: string; demo: { username: string; password: string }[] };
const mode = process.argv[2];
const samples = mode === 'transitions' ? await transitions(server) : await caseListApi(server, 300);
process.stdout.write(JSON.stringify(samples.map((x) => Math.round(x * 1000) / 1000)));
