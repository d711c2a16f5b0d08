/**
 * The independent floor: a bare Fastify server in a process of its own that answers every POST /
 * with 200 and `{}` after reading the body, no logging, nothing else. What a user measuring Cognate
 * with their own tools compares it to: the most any Node.js HTTP server does on this machine.
 * `node bench/floor-server.ts <port>`; it prints "listening" when ready.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
app.post('/', async (_req, reply) => reply.header('content-type', 'application/x-amz-json-1.1').send('{}'));
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
console.log('listening');
