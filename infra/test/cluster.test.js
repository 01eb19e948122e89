// Issue #17, ADR 0020: the production topology, run here. A Temporal server on Postgres (history in a
// process of its own), mutual TLS with the authoriser, two replicas each of the worker, the
// correspondence worker and the complaints API behind one port. Complaints are taken in through both
// API replicas and acknowledged in writing (R-ACK-1) while a worker replica is killed and the history
// service restarted; every acknowledgement letter reaches the inbox exactly once, and every replica is
// seen in the workflows' histories doing work. A client without a certificate, an operations identity
// sending an Update and a worker adding search attributes are refused.
const path = require('node:path');
const readline = require('node:readline');
const { spawn, spawnSync } = require('node:child_process');

jest.setTimeout(600_000);

const root = path.resolve(__dirname, '..', '..');
const temporalCli = process.env.TEMPORAL_CLI_PATH ?? path.join(root, '.tools', 'bin', 'temporal');
const COMPLAINTS = 30;

let harness;
let cluster;
const waiting = [];

function startHarness() {
  harness = spawn(process.execPath, [path.join(__dirname, 'cluster-harness.mjs')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  harness.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = readline.createInterface({ input: harness.stdout });
  lines.on('line', (line) => {
    const match = /^(ready|done) (.*)$/.exec(line);
    if (match) waiting.shift()?.resolve(JSON.parse(match[2]));
  });
  harness.on('exit', (code) => {
    for (const waiter of waiting.splice(0))
      waiter.reject(new Error(`cluster harness exited (${code}): ${stderr}`));
  });
  return answer();
}

const answer = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));

function command(line) {
  const reply = answer();
  harness.stdin.write(`${line}\n`);
  return reply;
}

/** The Temporal CLI against the cluster's frontend as one identity (or with no certificate at all). */
function temporal(identity, args) {
  const tls = [
    '--tls-ca-path',
    path.join(cluster.certificates, 'operations', 'ca.pem'),
    '--tls-server-name',
    'temporal',
  ];
  if (identity) {
    const dir = path.join(cluster.certificates, identity);
    tls.push('--tls-cert-path', path.join(dir, 'cert.pem'), '--tls-key-path', path.join(dir, 'key.pem'));
  }
  const result = spawnSync(
    temporalCli,
    [...args, '--address', `127.0.0.1:${cluster.ports.temporal}`, ...tls, '--command-timeout', '20s'],
    { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } },
  );
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function staffToken(email) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'services', 'complaints-api', 'dist', 'cli', 'token.js'), email],
    { encoding: 'utf8', env: { PATH: process.env.PATH, ...cluster.keys } },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

const api = (route) => `http://127.0.0.1:${cluster.ports.complaintsApi}${route}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request a client would retry: the cluster may answer 502/503 while a process restarts. */
async function retried(route, init, { attempts = 40 } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(api(route), init).catch((error) => ({ status: 0, error }));
    if (![0, 502, 503, 504].includes(response.status) || attempt === attempts) return response;
    await sleep(1500);
  }
}

function complaintBody(index) {
  const suffix = `${Date.now().toString(36)}-${index}`;
  return {
    organisation: 'HPFT',
    kind: 'complaint',
    channel: 'email',
    receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
    complainant: {
      name: `Sam Patel-${suffix}`,
      email: `sam.${suffix}@example.org`,
      relationship: 'patient',
      address: { lines: [`${index} Mill Lane`, 'Hatfield'], postcode: 'AL10 8YE' },
    },
    replyChannels: ['email'],
    issues: [{ description: `My appointment (${suffix}) was cancelled twice without notice.` }],
    outcomeSought: 'An explanation',
  };
}

beforeAll(async () => {
  cluster = await startHarness();
});

afterAll(async () => {
  if (harness && harness.exitCode === null) {
    const exited = new Promise((resolve) => harness.once('exit', resolve));
    harness.stdin.write('stop\n');
    await exited;
  }
});

describe('the Temporal cluster is locked down (ADR 0012, ADR 0020)', () => {
  it('refuses a client without a certificate, and answers one with its certificate', () => {
    const anonymous = temporal(null, ['operator', 'cluster', 'health']);
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.output).not.toContain('SERVING');
    const operations = temporal('operations', ['operator', 'cluster', 'health']);
    expect(operations).toEqual({ code: 0, output: expect.stringContaining('SERVING') });
  });

  it('lets operations staff read but not command, and the workers not change the namespace', async () => {
    const handler = staffToken('handler@hpft.demo');
    const created = await retried('/complaints', {
      method: 'POST',
      headers: { authorization: `Bearer ${handler}`, 'content-type': 'application/json' },
      body: JSON.stringify(complaintBody(0)),
    });
    expect(created.status).toBe(201);
    const { reference } = await created.json();
    let described;
    for (let attempt = 0; attempt < 40; attempt += 1) {
      described = temporal('operations', ['workflow', 'describe', '--workflow-id', reference]);
      if (described.code === 0) break;
      await sleep(500);
    }
    expect(described).toEqual({ code: 0, output: expect.stringMatching(`WorkflowId +${reference}`) });

    const update = ['workflow', 'update', 'execute', '--workflow-id', reference, '--name', 'acknowledge'];
    const byOperations = temporal('operations', update);
    expect(byOperations.code).not.toBe(0);
    expect(byOperations.output).toContain('Request unauthorized');
    const byWorker = temporal('worker', update);
    expect(byWorker.output).toContain('Request unauthorized');
    // The API's identity may send it; the workflow itself then refuses a command it did not sign.
    const byApi = temporal('complaints-api', update);
    expect(byApi.output).not.toContain('Request unauthorized');
    expect(byApi.output).toContain('CommandNotAuthenticated');

    expect(temporal('operations', ['workflow', 'terminate', '--workflow-id', reference]).output).toContain(
      'Request unauthorized',
    );
    expect(
      temporal('worker', [
        'operator',
        'search-attribute',
        'create',
        '--name',
        'Postcode',
        '--type',
        'Keyword',
      ]).output,
    ).toContain('Request unauthorized');
  });

  it('serves the Web UI', async () => {
    const response = await fetch(`http://127.0.0.1:${cluster.ports.temporalUi}/`);
    expect(response.status).toBe(200);
  });
});

describe('the public web runs in the cluster', () => {
  it("serves the complaint form, HPFT's site here (ADR 0022, ADR 0026)", async () => {
    const form = await fetch(`http://127.0.0.1:${cluster.ports.publicWeb}/hpft`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Hertfordshire Partnership University NHS Foundation Trust');
  });
});

describe('replicas share the work and a failure loses nothing', () => {
  it('takes complaints in through both API replicas, acknowledges each once through a worker kill and a history restart', async () => {
    const handler = staffToken('handler@hpft.demo');
    const headers = { authorization: `Bearer ${handler}`, 'content-type': 'application/json' };
    const events = [];

    const taken = [];
    for (let index = 1; index <= COMPLAINTS; index += 1) {
      const response = await retried('/complaints', {
        method: 'POST',
        headers,
        body: JSON.stringify(complaintBody(index)),
      });
      expect({ index, status: response.status }).toEqual({ index, status: 201 });
      taken.push({
        reference: (await response.json()).reference,
        replica: response.headers.get('x-complaints-replica'),
      });
    }
    expect(new Set(taken.map((t) => t.replica))).toEqual(new Set(['complaints-api-1', 'complaints-api-2']));

    const acknowledged = [];
    for (const [index, { reference }] of taken.entries()) {
      if (index === Math.floor(COMPLAINTS / 3)) events.push(await command('kill worker-1'));
      if (index === Math.floor((2 * COMPLAINTS) / 3)) events.push(await command('restart temporal-history'));
      const response = await retried(`/complaints/${reference}/acknowledgement`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ method: 'written' }),
      });
      expect({ reference, status: response.status }).toEqual({ reference, status: 200 });
      acknowledged.push(reference);
    }
    expect(events.map((e) => `${e.command} ${e.name}`)).toEqual([
      'kill worker-1',
      'restart temporal-history',
    ]);
    expect(events[1].pids['temporal-history']).not.toBe(cluster.pids['temporal-history']);
    process.stdout.write(
      `cluster test: ${events.map((e) => `${e.command} ${e.name} (${e.ms} ms)`).join(', ')} during ${COMPLAINTS} acknowledgements\n`,
    );

    // Every acknowledgement letter in the inbox, each exactly once, and none beyond them.
    const subjectOf = (reference) => `Your complaint ${reference}: acknowledgement`;
    let letters = [];
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const inbox = await fetch(`${cluster.mailInbox}/email`).then((r) => r.json());
      letters = inbox
        .map((message) => message.subject)
        .filter((subject) => subject.endsWith(': acknowledgement'));
      if (acknowledged.every((reference) => letters.includes(subjectOf(reference)))) break;
      await sleep(2000);
    }
    await sleep(5000); // time for a duplicate to arrive, if one were coming
    letters = (await fetch(`${cluster.mailInbox}/email`).then((r) => r.json()))
      .map((message) => message.subject)
      .filter((subject) => subject.endsWith(': acknowledgement'));
    const counts = Object.fromEntries(acknowledged.map((reference) => [reference, 0]));
    for (const subject of letters) {
      const reference = /Your complaint (\S+): acknowledgement/.exec(subject)[1];
      counts[reference] = (counts[reference] ?? 0) + 1;
    }
    expect(counts).toEqual(Object.fromEntries(acknowledged.map((reference) => [reference, 1])));

    // Each worker replica did work: its identity (pid@host) on tasks in the workflows' histories.
    const { pids } = cluster;
    const replicaOf = Object.fromEntries(
      ['worker-1', 'worker-2', 'correspondence-1', 'correspondence-2'].map((name) => [
        String(pids[name]),
        name,
      ]),
    );
    const seen = new Set();
    for (const reference of acknowledged) {
      const history = temporal('operations', [
        'workflow',
        'show',
        '--workflow-id',
        reference,
        '--output',
        'json',
      ]);
      expect({ reference, code: history.code }).toEqual({ reference, code: 0 });
      for (const [, pid] of history.output.matchAll(/"identity":\s*"(\d+)@/g))
        if (replicaOf[pid]) seen.add(replicaOf[pid]);
    }
    expect([...seen].sort()).toEqual(['correspondence-1', 'correspondence-2', 'worker-1', 'worker-2']);
  });
});
