// The cluster topology's binaries (ADR 0020), built from the Go module proxy into .tools/ like the
// Temporal CLI: our Temporal server main (infra/temporal/server: the stock server with our authoriser),
// Temporal's SQL tool at the same version, and the Temporal Web UI server. Rebuilt only when the
// sources, the go.sum or the UI version change; a first build takes several minutes on 2 cores.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, TOOLS_BIN, TOOLS_DIR } from './paths.mjs';
import { run, which } from './exec.mjs';
import { StepFailed, info, step } from './log.mjs';

export const SERVER_SOURCES = path.join(ROOT, 'infra', 'temporal', 'server');
export const TEMPORAL_UI_SERVER_VERSION = '2.42.1';
const UI_DIR = path.join(TOOLS_DIR, 'temporal-ui');

/** The Temporal server version our main builds against (its go.mod). */
export function temporalServerVersion() {
  const goMod = fs.readFileSync(path.join(SERVER_SOURCES, 'go.mod'), 'utf8');
  return /^require go\.temporal\.io\/server v(\S+)$/m.exec(goMod)[1];
}

export const CLUSTER_BINARIES = {
  server: path.join(TOOLS_BIN, 'complaints-temporal-server'),
  sqlTool: path.join(TOOLS_BIN, 'temporal-sql-tool'),
  ui: path.join(UI_DIR, 'bin', 'server'),
};

function sourcesKey() {
  const hash = crypto.createHash('sha256');
  for (const file of fs.readdirSync(SERVER_SOURCES).sort())
    if (/\.(go|mod|sum)$/.test(file))
      hash.update(file).update(fs.readFileSync(path.join(SERVER_SOURCES, file)));
  hash.update(`ui ${TEMPORAL_UI_SERVER_VERSION}`);
  return hash.digest('hex');
}

export async function ensureClusterTools() {
  return step('Temporal server, SQL tool and Web UI (cluster mode)', async () => {
    const stamp = `${CLUSTER_BINARIES.server}.sources`;
    const key = sourcesKey();
    const built =
      Object.values(CLUSTER_BINARIES).every((file) => fs.existsSync(file)) &&
      fs.existsSync(stamp) &&
      fs.readFileSync(stamp, 'utf8') === key;
    if (built) return `Temporal server ${temporalServerVersion()}, UI ${TEMPORAL_UI_SERVER_VERSION}`;
    if (!which('go'))
      throw new StepFailed(
        'cluster tools',
        'Go is not installed',
        'install Go >= 1.25 (https://go.dev/doc/install)',
      );
    const fix = 'check that the Go module proxy is reachable (go env GOPROXY)';
    const env = { GOFLAGS: '-trimpath -mod=readonly' };
    info(
      `  building the Temporal server ${temporalServerVersion()} and its SQL tool from the Go module proxy (first run only, several minutes)`,
    );
    await run('Temporal server', 'go', ['build', '-o', CLUSTER_BINARIES.server, '.'], {
      cwd: SERVER_SOURCES,
      env,
      fix,
      quiet: true,
    });
    await run(
      'Temporal SQL tool',
      'go',
      ['build', '-o', CLUSTER_BINARIES.sqlTool, 'go.temporal.io/server/cmd/tools/sql'],
      { cwd: SERVER_SOURCES, env, fix, quiet: true },
    );
    info(`  building the Temporal Web UI server ${TEMPORAL_UI_SERVER_VERSION}`);
    await run(
      'Temporal Web UI',
      'go',
      ['install', `github.com/temporalio/ui-server/v2/cmd/server@v${TEMPORAL_UI_SERVER_VERSION}`],
      { env: { GOBIN: path.dirname(CLUSTER_BINARIES.ui), GOFLAGS: '-trimpath' }, fix, quiet: true },
    );
    fs.writeFileSync(stamp, key);
    return `built: Temporal server ${temporalServerVersion()}, UI ${TEMPORAL_UI_SERVER_VERSION}`;
  });
}
