// Issue #17 point 2, ADR 0020: `npm start -- --cluster` (infra/lib/cluster.mjs) and docker-compose.yml
// deploy the same topology from the same files, so that neither can drift from the other: the same
// processes and replicas, the same Temporal server (our main, the same version, the same configuration
// and variables), the same schema and namespace scripts, the same certificates and identities, the
// authoriser's identities those of the certificates, the search attributes those the workflows use, and
// each service given the same keys (ADR 0026: compose's joint-protocol once had none, so ran no worker)
// and told where the others are.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..', '..');
const compose = YAML.parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const read = (...parts) => fs.readFileSync(path.join(root, ...parts), 'utf8');

/** What the cluster mode's modules say (they are ES modules, which this test runner cannot import). */
function clusterMode() {
  const script = `
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const cluster = await import(${JSON.stringify(path.join(root, 'infra', 'lib', 'cluster.mjs'))});
    const tools = await import(${JSON.stringify(path.join(root, 'infra', 'lib', 'cluster-tools.mjs'))});
    const system = await import(${JSON.stringify(path.join(root, 'infra', 'lib', 'system.mjs'))});
    const secrets = await import(${JSON.stringify(path.join(root, 'infra', 'lib', 'secrets.mjs'))});
    const mode = cluster.CLUSTER_MODES.dev;
    // The keys a set-up has, each standing for itself: what a service gets shows which key it is given.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-compose-'));
    const keyNames = Object.keys(secrets.embeddedSecrets(scratch));
    fs.rmSync(scratch, { recursive: true, force: true });
    const named = Object.fromEntries(keyNames.map((name) => [name, name]));
    const services = [...new Set(cluster.clusterProcesses(mode).services.map((s) => s.service))];
    const keysOf = (service) =>
      Object.fromEntries(
        Object.entries(system.serviceEnvironment(named, service)).filter(([name]) => keyNames.includes(name)),
      );
    process.stdout.write(JSON.stringify({
      processes: cluster.clusterProcesses(mode),
      temporal: cluster.TEMPORAL_PROCESSES,
      serverVariables: Object.keys(cluster.temporalServerEnvironment(mode, { host: 'h', port: 1, user: 'u', password: 'p' })),
      serverVersion: tools.temporalServerVersion(),
      uiVersion: tools.TEMPORAL_UI_SERVER_VERSION,
      outsideTemporal: cluster.OUTSIDE_TEMPORAL,
      keyNames,
      keys: Object.fromEntries(services.map((service) => [service, keysOf(service)])),
      links: Object.fromEntries(services.map((service) => [service, Object.keys(cluster.serviceLinks(mode.ports, service))])),
    }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

const local = clusterMode();
const mountsOf = (service) =>
  (service.volumes ?? [])
    .filter((v) => typeof v === 'string' && v.startsWith('./'))
    .map((v) => v.split(':')[0]);

describe('the cluster mode and docker-compose.yml deploy the same topology', () => {
  it('runs the same processes: our replicas, their proxies, and the Temporal server split the same way', () => {
    const { services, proxies } = local.processes;
    for (const { name, service } of services)
      expect({ name, service: compose.services[name]?.build?.args?.SERVICE }).toEqual({ name, service });
    const composeReplicas = Object.entries(compose.services)
      .filter(([name, s]) => s.build?.args?.SERVICE && name !== 'migrate')
      .map(([name]) => name);
    expect(composeReplicas.sort()).toEqual(services.map((s) => s.name).sort());
    for (const proxy of proxies) {
      const spec = compose.services[proxy.name];
      expect(mountsOf(spec)).toEqual(['./infra/runners/replicas-proxy.mjs']);
      const upstreams = spec.command
        .at(-1)
        .split(',')
        .map((pair) => pair.split('=')[0]);
      expect({ proxy: proxy.name, upstreams }).toEqual({
        proxy: proxy.name,
        upstreams: proxy.replicas.map((r) => r.name),
      });
    }
    for (const { name, services: temporalServices } of local.temporal)
      expect({ name, command: compose.services[name].command }).toEqual({
        name,
        command: ['-service', temporalServices.join(',')],
      });
  });

  it('builds the same Temporal server, at the same version, from the same configuration and variables', () => {
    const dockerfile = read('infra', 'temporal', 'Dockerfile');
    expect(dockerfile).toContain('COPY infra/temporal/server/');
    expect(dockerfile).toContain(`FROM temporalio/server:${local.serverVersion}`);
    expect(dockerfile).toContain('COPY infra/temporal/config /etc/temporal/complaints');
    for (const { name } of local.temporal) {
      const spec = compose.services[name];
      expect(spec.build.dockerfile).toBe('infra/temporal/Dockerfile');
      const serverVariables = Object.keys(spec.environment).filter(
        (key) =>
          !['TEMPORAL_ADDRESS', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY'].includes(key),
      );
      expect({ name, variables: serverVariables.sort() }).toEqual({
        name,
        variables: [...local.serverVariables].sort(),
      });
      expect(spec.environment.TEMPORAL_DYNAMIC_CONFIG).toBe('/etc/temporal/complaints/dynamicconfig.yaml');
    }
    // Every variable the configuration reads is one the cluster mode sets.
    const config = read('infra', 'temporal', 'config', 'cluster.yaml');
    const read_ = [...config.matchAll(/env "(\w+)"/g)].map((m) => m[1]);
    expect([...new Set(read_)].filter((name) => !local.serverVariables.includes(name))).toEqual([]);
    for (const name of ['temporal-schema', 'temporal-namespace'])
      expect(compose.services[name].image).toMatch(
        new RegExp(`^temporalio/admin-tools:${local.serverVersion.replaceAll('.', '\\.')}\\b`),
      );
    expect(compose.services['temporal-ui'].image).toBe(`temporalio/ui:${local.uiVersion}`);
    expect(Object.values(compose.services).map((s) => s.image ?? '')).not.toContainEqual(
      expect.stringContaining('auto-setup'),
    );
  });

  it('sets up schemas, namespace and certificates with the same scripts', () => {
    expect(mountsOf(compose.services['temporal-schema'])).toEqual(['./infra/temporal/setup-schema.sh']);
    expect(mountsOf(compose.services['temporal-namespace'])).toEqual(['./infra/temporal/setup-namespace.sh']);
    expect(mountsOf(compose.services['temporal-certs'])).toEqual(['./infra/temporal/make-certs.sh']);
    const cluster = read('infra', 'lib', 'cluster.mjs');
    for (const script of ['setup-schema.sh', 'setup-namespace.sh', 'make-certs.sh'])
      expect(cluster).toContain(`'${script}'`);
    // The schema job reads the database variables the server does.
    const schemaVariables = [
      ...read('infra', 'temporal', 'setup-schema.sh').matchAll(
        /\$\{?(TEMPORAL_DB\w+|TEMPORAL_VISIBILITY\w+)/g,
      ),
    ].map((m) => m[1]);
    for (const name of new Set(schemaVariables)) {
      expect(local.serverVariables).toContain(name);
      expect(Object.keys(compose.services['temporal-schema'].environment)).toContain(name);
    }
  });

  it('issues a certificate to each identity the authoriser knows, and to no other', () => {
    const identities = /^IDENTITIES="([^"]+)"/m
      .exec(read('infra', 'temporal', 'make-certs.sh'))[1]
      .split(' ');
    const policy = read('infra', 'temporal', 'server', 'policy.go');
    const setting = (name) => new RegExp(`setting\\("${name}", "([^"]*)"\\)`).exec(policy)[1];
    const known = [
      ...setting('TEMPORAL_ADMIN_IDENTITIES').split(','),
      ...setting('TEMPORAL_WRITER_IDENTITIES').split(','),
      ...setting('TEMPORAL_READER_IDENTITIES').split(','),
    ];
    expect(['temporal', ...identities].sort()).toEqual(known.sort());
    expect(setting('TEMPORAL_COMMANDER_IDENTITIES').split(',').sort()).toEqual([
      'complaints-api',
      'joint-protocol',
    ]);
    // Each of our services connects with the certificate of its own name; the public web does not connect.
    expect(local.outsideTemporal).toEqual(['public-web']);
    for (const { name, service } of local.processes.services) {
      const composeEnv = compose.services[name].environment;
      if (local.outsideTemporal.includes(service)) {
        expect({ name, temporal: composeEnv.TEMPORAL_ADDRESS }).toEqual({ name, temporal: undefined });
        continue;
      }
      expect(setting('TEMPORAL_WRITER_IDENTITIES').split(',')).toContain(service);
    }
  });

  it("gives each service the keys it reads from the same secrets as the cluster mode, and the others' addresses", () => {
    expect(local.keyNames).toEqual(
      expect.arrayContaining([
        'COMMAND_SIGNING_KEY',
        'PARTNER_COMMAND_SIGNING_KEY',
        'JOINT_COMMAND_VERIFICATION_KEYS',
      ]),
    );
    for (const { name, service } of local.processes.services) {
      // What the service's configuration reads (its built config), so a key no one reads is not compared.
      const { configShape } = require(path.join(root, 'services', service, 'dist', 'config.js'));
      const clusterKeys = Object.fromEntries(
        Object.entries(local.keys[service]).filter(([variable]) => variable in configShape),
      );
      const composeEnv = compose.services[name].environment;
      const composeKeys = Object.fromEntries(
        Object.entries(composeEnv)
          .filter(([variable]) => local.keyNames.includes(variable))
          .map(([variable, value]) => [variable, /^\$\{(\w+)/.exec(value)?.[1] ?? value]),
      );
      expect({ name, keys: composeKeys }).toEqual({ name, keys: clusterKeys });
      expect({
        name,
        links: Object.keys(composeEnv)
          .filter((v) => local.links[service].includes(v))
          .sort(),
      }).toEqual({
        name,
        links: [...local.links[service]].sort(),
      });
    }
    // The joint-protocol service signs partners' commands with its own key, and its worker trusts both.
    expect(local.keys['joint-protocol']).toMatchObject({
      COMMAND_SIGNING_KEY: 'PARTNER_COMMAND_SIGNING_KEY',
      COMMAND_VERIFICATION_KEYS: 'JOINT_COMMAND_VERIFICATION_KEYS',
    });
  });

  it('registers the search attributes the workflows upsert, with their types', () => {
    const declared = [
      ...read('packages', 'temporal', 'src', 'search-attributes.ts').matchAll(
        /defineSearchAttributeKey\('(\w+)', SearchAttributeType\.(\w+)\)/g,
      ),
      // KEYWORD_LIST is the CLI's KeywordList.
    ].map(
      ([, name, type]) =>
        `${name}:${type
          .split('_')
          .map((word) => word[0] + word.slice(1).toLowerCase())
          .join('')}`,
    );
    const registered = /^SEARCH_ATTRIBUTES="([^"]+)"/m
      .exec(read('infra', 'temporal', 'setup-namespace.sh'))[1]
      .split(' ');
    expect(declared.length).toBeGreaterThanOrEqual(7);
    expect(registered.sort()).toEqual(declared.sort());
  });
});
