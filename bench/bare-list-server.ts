// The thinnest HTTP server that can serve the case-list page: Fastify and a pg pool running the
// floor query, with no sign-in, policy or presentation. It prices the loopback HTTP hop itself,
// so the benchmark can say how much of the page's latency is transport and how much is netreview.
import Fastify from 'fastify';
import pg from 'pg';
import { FLOOR_SQL } from './core.ts';

const pool = new pg.Pool({ connectionString: process.env.BENCH_FLOOR_URL, max: 2 });
const app = Fastify();
app.get('/cases', async () => ({ items: (await pool.query(FLOOR_SQL, ['assessing'])).rows }));
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address() as { port: number };
process.stdout.write(`${addr.port}\n`);
process.once('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
