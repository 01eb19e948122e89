import net from 'node:net';
import { StepFailed } from './log.mjs';

export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

export async function assertPortsFree(ports) {
  for (const [name, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) {
      throw new StepFailed(
        `port check`,
        `port ${port} (${name}) is already in use`,
        `stop whatever listens on ${port} (\`ss -ltnp | grep :${port}\`), or another running copy of this system`,
      );
    }
  }
}

export function canConnect(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(port, { timeoutMs, isAlive = () => true, host = '127.0.0.1' }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(port, host)) return true;
    if (!isAlive()) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
