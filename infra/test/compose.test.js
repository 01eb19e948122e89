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

  it('builds each service of the repository, and only those', () => {
    const repoServices = fs
      .readdirSync(path.join(root, 'services'))
      .filter((name) => fs.existsSync(path.join(root, 'services', name, 'package.json')));
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    for (const [, service] of built) {
      expect(fs.existsSync(path.join(root, service.build.context, service.build.dockerfile))).toBe(true);
      expect(repoServices).toContain(service.build.args.SERVICE);
    }
    const composeNames = Object.keys(compose.services);
    for (const name of repoServices) expect(composeNames).toContain(name);
  });

  it('starts services only after their dependencies are healthy and the schema is migrated', () => {
    for (const name of ['worker', 'correspondence', 'joint-protocol', 'complaints-api']) {
      const service = compose.services[name];
      expect(service.healthcheck).toBeDefined();
      expect(service.depends_on.postgres.condition).toBe('service_healthy');
      expect(service.depends_on.temporal.condition).toBe('service_healthy');
      expect(service.depends_on.migrate.condition).toBe('service_completed_successfully');
    }
  });

  it('refers only to files that exist', () => {
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('./')) expect(fs.existsSync(path.join(root, source))).toBe(true);
      }
    }
    expect(fs.existsSync(path.join(root, 'packages', 'db', 'src', 'cli', 'migrate.ts'))).toBe(true);
  });

  it('fails validation for a broken file (the check can fail)', () => {
    const validate = compileSchema();
    expect(validate({ services: { api: { image: 'x:1', depends_on: 5 } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x:1', restart: 'always', unknown_key: true } } })).toBe(
      false,
    );
  });
});
