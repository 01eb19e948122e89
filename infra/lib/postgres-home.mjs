// Where the embedded Postgres keeps its binaries and its cluster.
//
// Postgres refuses to run as root, so as root it runs as the unprivileged `postgres` user, who cannot
// reach anything under a private (mode 0700) parent such as root's home or a `mktemp -d` folder. So, as
// root, the binaries are copied once to /var/lib/nhs-complaints/postgres-<version>/ (world-readable) and
// each clone's clusters live in /var/lib/nhs-complaints/<clone>-<hash>/, owned by `postgres`. Any other
// user runs the binaries from node_modules with the cluster under .data/, as before.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ROOT } from './paths.mjs';

export const RUNS_AS_ROOT = process.getuid?.() === 0;
export const SHARED_HOME = process.env.COMPLAINTS_POSTGRES_HOME ?? '/var/lib/nhs-complaints';

/** The cluster directory for a data directory under .data/ (e.g. .data/dev/postgres). */
export function clusterDir(dataDir) {
  if (!RUNS_AS_ROOT) return dataDir;
  const clone = `${path.basename(ROOT)}-${crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 10)}`;
  return path.join(SHARED_HOME, clone, path.relative(DATA_DIR, dataDir));
}
