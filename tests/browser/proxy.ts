// A loopback proxy in front of the app under test, on a port of its own: a test opens the
// app through it and then closes it, so the app's origin is truly unreachable (no server,
// not only emulated offline) and whatever still answers is the service worker.
import { createServer, request, type Server } from 'node:http';

export interface Proxy {
  origin: string;
  close(): Promise<void>;
}

/** Rewrites the body of one path's answers (e.g. to serve a new sw.js); null leaves it as it is. */
export type Rewrite = (path: string, body: string) => string | null;

export function startProxy(target: string, port: number, rewrite?: Rewrite): Promise<Proxy> {
  const to = new URL(target);
  const server: Server = createServer((req, res) => {
    const up = request(
      {
        host: to.hostname,
        port: to.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: to.host, 'accept-encoding': 'identity' },
      },
      (r) => {
        if (!rewrite) {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          const body = Buffer.concat(chunks);
          const changed = rewrite(new URL(req.url ?? '/', target).pathname, body.toString('utf8'));
          const out = changed === null ? body : Buffer.from(changed, 'utf8');
          res.writeHead(r.statusCode ?? 502, { ...r.headers, 'content-length': String(out.length), etag: '' });
          res.end(out);
        });
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new Error(`test proxy: port ${port} is taken (${err.message})`)));
    server.listen(port, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
