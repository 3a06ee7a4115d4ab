// The ceiling: a bare node:http server answering every request with one fixed product as JSON.
// Same machine, same client, same core as the real server, so `ratio` in the benchmark table
// compares the service with the cost of HTTP alone. Usage: node bench/bare-server.mjs <port>
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const body = JSON.stringify({
  id: '0192f0c4-7d1e-7a3b-8c2d-1e2f3a4b5c6d',
  sku: 'SEED-000001',
  name: 'Seed product 1',
  price: { amount: '9.99', currency: 'USD' },
  stock: 1000000000,
  createdAt: '2025-01-01T00:00:00.000Z',
});
const length = String(Buffer.byteLength(body));

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': length });
  res.end(body);
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${server.address().port}\n`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
