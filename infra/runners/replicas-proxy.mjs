// One port in front of a service's replicas (the cluster topology, ADR 0020): each request goes to the
// next replica in turn, and to the one after if a replica refuses the connection (it is down or
// restarting). Every answer names the replica that gave it in `x-complaints-replica`, which is how the
// cluster test sees both replicas at work. Not a production load balancer: streaming, no retries of a
// request a replica has begun to answer, no health checks beyond the refused connection.
// Usage: node replicas-proxy.mjs <port> <name>=[<host>:]<port>[,…]  (PROXY_HOST: where to listen, 127.0.0.1)
import http from 'node:http';

const [listenPort, list] = process.argv.slice(2);
const replicas = list.split(',').map((pair) => {
  const [name, address] = pair.split('=');
  const [host, port] = address.includes(':') ? address.split(':') : ['127.0.0.1', address];
  return { name, host, port: Number(port) };
});
let next = 0;

function forward(request, response, body, first, tried) {
  const replica = replicas[(first + tried) % replicas.length];
  const upstream = http.request(
    {
      host: replica.host,
      port: replica.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, {
        ...answer.headers,
        'x-complaints-replica': replica.name,
      });
      answer.pipe(response);
    },
  );
  upstream.on('error', (error) => {
    // Refused, or (in compose) a stopped replica's name not resolving: try the next one.
    if (
      ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(error.code) &&
      tried + 1 < replicas.length &&
      !response.headersSent
    )
      return forward(request, response, body, first, tried + 1);
    if (!response.headersSent) {
      response.writeHead(502, { 'content-type': 'application/problem+json' });
      response.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Bad Gateway',
          status: 502,
          detail: 'no replica answered',
        }),
      );
    } else response.destroy();
  });
  upstream.end(body);
}

http
  .createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const first = next;
      next = (next + 1) % replicas.length;
      forward(request, response, Buffer.concat(chunks), first, 0);
    });
  })
  .listen(Number(listenPort), process.env.PROXY_HOST ?? '127.0.0.1', () =>
    process.stdout.write(`proxy on ${listenPort} for ${replicas.map((r) => r.name).join(', ')}\n`),
  );
