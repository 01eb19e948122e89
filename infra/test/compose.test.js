// docker-compose.yml is not run here (no Docker engine): it is validated against the Compose
// Specification's JSON schema, and every service it builds is checked against the repository.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats');

const root = path.resolve(__dirname, '..', '..');
const composeText = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = YAML.parse(composeText, { merge: true });
// The Compose Specification's JSON schema, as bundled (current) by the dclint package.
// It names draft-07 by an https id that Ajv (which implements draft-07) registers over http.
const { $schema: _draft07, ...schema } = JSON.parse(
  fs.readFileSync(
    path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json'),
    'utf8',
  ),
);

function compileSchema() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compose durations are Go durations ("5s", "1m30s"), not ISO 8601.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  return ajv.compile(schema);
}

describe('docker-compose.yml', () => {
  it('conforms to the Compose Specification schema', () => {
    const validate = compileSchema();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('pins every image to a version', () => {
    const images = Object.values(compose.services)
      .filter((s) => s.image)
      .map((s) => s.image);
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const image of images) expect(image).toMatch(/:[\w.-]*\d[\w.-]*$/);
  });

  // Our services' containers (replicas included) and which service of the repository each one runs.
  const ours = () =>
    Object.entries(compose.services)
      .filter(([name, s]) => s.build?.args?.SERVICE && name !== 'migrate')
      .map(([name, s]) => ({ name, service: s.build.args.SERVICE, spec: s }));
  // Those that are Temporal's clients: all but the public web service, which reaches only the API.
  const temporalClients = () => ours().filter(({ spec }) => spec.environment?.TEMPORAL_ADDRESS);

  it('builds each service of the repository, and only those', () => {
    const repoServices = fs
      .readdirSync(path.join(root, 'services'))
      .filter((name) => fs.existsSync(path.join(root, 'services', name, 'package.json')));
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    for (const [, service] of built) {
      expect(fs.existsSync(path.join(root, service.build.context, service.build.dockerfile))).toBe(true);
      if (service.build.args) expect(repoServices).toContain(service.build.args.SERVICE);
    }
    expect([...new Set(ours().map((s) => s.service))].sort()).toEqual([...repoServices].sort());
  });

  it('starts services only after their dependencies are healthy and the schema is migrated', () => {
    expect(ours().length).toBeGreaterThanOrEqual(4);
    for (const { name, spec } of ours()) {
      expect({ name, health: Boolean(spec.healthcheck) }).toEqual({ name, health: true });
      expect(spec.depends_on.postgres.condition).toBe('service_healthy');
      if (spec.environment?.TEMPORAL_ADDRESS)
        expect(spec.depends_on['temporal-namespace'].condition).toBe('service_completed_successfully');
      expect(spec.depends_on.migrate.condition).toBe('service_completed_successfully');
    }
    expect(compose.services['temporal-namespace'].depends_on.temporal.condition).toBe('service_healthy');
    for (const name of ['temporal', 'temporal-history'])
      expect(compose.services[name].depends_on['temporal-schema'].condition).toBe(
        'service_completed_successfully',
      );
  });

  it('refers only to files that exist', () => {
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        if (source.startsWith('./')) expect(fs.existsSync(path.join(root, source))).toBe(true);
      }
    }
    expect(fs.existsSync(path.join(root, 'packages', 'db', 'src', 'cli', 'migrate.ts'))).toBe(true);
  });

  it('locks Temporal down: mTLS only, its port not published, a certificate per service, the UI read-only behind OIDC', () => {
    const { temporal, 'temporal-ui': ui, 'temporal-certs': certs } = compose.services;
    expect(certs.volumes).toContain('temporal-certs:/certs');
    expect(temporal.depends_on['temporal-certs'].condition).toBe('service_completed_successfully');
    expect(temporal.ports).toBeUndefined();
    // The server's configuration: a client certificate from the cluster's CA, on the frontend and between its services.
    const config = fs.readFileSync(path.join(root, 'infra', 'temporal', 'config', 'cluster.yaml'), 'utf8');
    expect(config.match(/requireClientAuth: true/g)).toHaveLength(2);
    const published = Object.values(compose.services).flatMap((service) => service.ports ?? []);
    expect(published.filter((port) => String(port).includes('7233'))).toEqual([]);
    const certificateOf = (service) =>
      (service.volumes ?? []).find((volume) => volume.source === 'temporal-certs')?.volume?.subpath;
    expect(certificateOf(compose.services['public-web'])).toBeUndefined();
    for (const { name, service, spec } of [
      ...temporalClients(),
      { name: 'temporal-ui', service: 'temporal-ui', spec: ui },
    ]) {
      expect({ name, certificate: certificateOf(spec) }).toEqual({ name, certificate: service });
      expect(spec.environment.TEMPORAL_TLS_CERT).toBe('/etc/temporal-tls/cert.pem');
      expect(spec.environment.TEMPORAL_TLS_KEY).toBe('/etc/temporal-tls/key.pem');
    }
    expect(ui.environment).toMatchObject({
      TEMPORAL_AUTH_ENABLED: 'true',
      TEMPORAL_AUTH_TYPE: 'oidc',
      TEMPORAL_DISABLE_WRITE_ACTIONS: 'true',
      TEMPORAL_CODEC_PASS_ACCESS_TOKEN: 'true',
    });
    // The API signs staff commands and joint-protocol partners' commands, each with its own key (ADR 0019);
    // the worker and joint-protocol's worker verify them.
    for (const { service, spec } of ours()) {
      expect(Boolean(spec.environment.COMMAND_SIGNING_KEY)).toBe(
        ['complaints-api', 'joint-protocol'].includes(service),
      );
      expect(Boolean(spec.environment.COMMAND_VERIFICATION_KEYS)).toBe(
        ['worker', 'joint-protocol'].includes(service),
      );
    }
    const signingKeyOf = (name) =>
      /^\$\{(\w+)/.exec(compose.services[name].environment.COMMAND_SIGNING_KEY)[1];
    expect(signingKeyOf('complaints-api-1')).toBe('COMMAND_SIGNING_KEY');
    expect(signingKeyOf('joint-protocol')).toBe('PARTNER_COMMAND_SIGNING_KEY');
    expect(fs.existsSync(path.join(root, 'infra', 'temporal', 'make-certs.sh'))).toBe(true);
  });

  it('gives each service its own database role, and only the migrate job the owner (ADR 0015)', () => {
    const roles = {
      worker: 'complaints_worker',
      correspondence: 'complaints_correspondence',
      'joint-protocol': 'complaints_joint_protocol',
      'complaints-api': 'complaints_api',
      'public-web': 'complaints_public_web',
    };
    const made = fs.readFileSync(path.join(root, 'infra', 'docker', 'postgres-roles.sh'), 'utf8');
    const userOf = (url) => new URL(url.replace(/\$\{[^}]+\}/g, 'secret')).username;
    for (const { name, service, spec } of ours())
      expect({ name, user: userOf(spec.environment.DATABASE_URL) }).toEqual({ name, user: roles[service] });
    expect(userOf(compose.services.migrate.environment.DATABASE_URL)).toBe('complaints_owner');
    for (const role of [...Object.values(roles), 'complaints_owner'])
      expect(made).toContain(`CREATE ROLE ${role} LOGIN`);
    // Temporal's own login, owning only its two databases.
    expect(made).toContain('CREATE ROLE temporal LOGIN NOSUPERUSER');
    expect(made).toContain('CREATE DATABASE temporal OWNER temporal');
    expect(made).toContain('CREATE DATABASE temporal_visibility OWNER temporal');
    expect(compose.services.temporal.environment.TEMPORAL_DB_USER).toBe('temporal');
    expect(compose.services.postgres.volumes).toContain(
      './infra/docker/postgres-roles.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro',
    );
  });

  it('fails validation for a broken file (the check can fail)', () => {
    const validate = compileSchema();
    expect(validate({ services: { api: { image: 'x:1', depends_on: 5 } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x:1', restart: 'always', unknown_key: true } } })).toBe(
      false,
    );
  });
});
