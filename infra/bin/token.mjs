#!/usr/bin/env node
// `npm run token -- handler@hpft.demo`: a demo staff token for the system `npm start` runs, signed with
// the key that start made for it (.data/dev/secrets.json).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/paths.mjs';
import { MODES } from '../lib/system.mjs';
import { secretsPath } from '../lib/secrets.mjs';
import { CLUSTER_MODES } from '../lib/cluster.mjs';

// `npm run token -- --cluster <user>`: for the cluster mode's system (.data/cluster).
const cluster = process.argv[2] === '--cluster';
if (cluster) process.argv.splice(2, 1);
const secrets = secretsPath(cluster ? CLUSTER_MODES.dev.dataDir : MODES.dev.dataDir);
if (!process.env.AUTH_JWT_SECRET && !fs.existsSync(secrets)) {
  process.stderr.write(
    '[complaints] no signing key yet: run `npm start` first (it makes one under .data/dev)\n',
  );
  process.exit(1);
}
const kept = fs.existsSync(secrets) ? JSON.parse(fs.readFileSync(secrets, 'utf8')) : {};
// `--operations`: a one-hour token for the worker's codec (README, Security), not a staff token.
const operations = process.argv[2] === '--operations';
// `--partner complaints-manager@hccacs.demo`: a partner user's token for the joint-protocol service (ADR 0019).
const partner = process.argv[2] === '--partner';
const cli = operations
  ? path.join(ROOT, 'services', 'worker', 'dist', 'cli', 'operations-token.js')
  : partner
    ? path.join(ROOT, 'services', 'joint-protocol', 'dist', 'cli', 'partner-token.js')
    : path.join(ROOT, 'services', 'complaints-api', 'dist', 'cli', 'token.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(operations || partner ? 3 : 2)], {
  stdio: 'inherit',
  env: { ...kept, ...process.env },
});
process.exit(result.status ?? 1);
