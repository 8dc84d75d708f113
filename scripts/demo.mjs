#!/usr/bin/env node
// `npm start`: the hub and five demo nodes as child processes, data under $CDS_DATA_DIR (default ./data).
// Idempotent: a second start reuses the data. Ctrl-C stops every child.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_NODES, DEMO_PASSWORD, DEMO_USERS, HUB_PORT, demoSchoolKey } from './demo-participants.mjs';
import { prepareDemoParticipants } from './demo-setup.mjs';
import { seedDemoMessages, setDemoSchedules } from './demo-traffic.mjs';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = join(repo, 'apps/cli/dist/main.js');
const dataRoot = resolve(process.env.CDS_DATA_DIR || join(repo, 'data'));
const host = '127.0.0.1';
const hubUrl = `http://${host}:${HUB_PORT}`;
// The demo's published School Keys and passwords are accepted only with CDS_DEMO=1 (SPEC §11).
process.env.CDS_DEMO = '1';
const env = { ...process.env, CDS_DATA_DIR: dataRoot };
const children = new Map();
let stopping = false;

function log(line) {
  process.stdout.write(`${line}\n`);
}

async function initialiseNodes() {
  const { initNode } = await import(join(repo, 'apps/node/dist/index.js'));
  for (const node of DEMO_NODES) {
    const dataDir = join(dataRoot, node.party);
    if (existsSync(join(dataDir, 'config.json'))) continue;
    await initNode({
      dataDir,
      party: node.party,
      nodeRole: node.role,
      hubUrls: [hubUrl],
      host,
      port: node.port,
      name: node.label,
    });
    log(`initialised ${node.party} in ${dataDir}`);
  }
}

function startChild(name, args, dataDir) {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const logFile = join(dataDir, 'logs', 'server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', out, out] });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    log(`\n${name} stopped unexpectedly (${signal ?? `exit ${code}`}); last lines of ${logFile}:`);
    log(readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n'));
    shutdown(1);
  });
}

async function waitHealthy(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 150));
  }
  return false;
}

function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('\nstopping…');
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 12_000);
  const check = setInterval(() => {
    if (children.size > 0) return;
    clearInterval(check);
    clearTimeout(force);
    log('all CDS processes stopped.');
    process.exit(code);
  }, 100);
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

mkdirSync(dataRoot, { recursive: true });
await initialiseNodes();
await setDemoSchedules(repo, dataRoot, log);
startChild(
  'hub',
  ['hub', 'start', '--data-dir', join(dataRoot, 'hub'), '--host', host, '--port', String(HUB_PORT)],
  join(dataRoot, 'hub'),
);
for (const node of DEMO_NODES) {
  const dataDir = join(dataRoot, node.party);
  startChild(
    node.party,
    ['node', 'start', '--data-dir', dataDir, '--host', host, '--port', String(node.port)],
    dataDir,
  );
}

const deadline = Date.now() + 30_000;
const targets = [{ name: 'hub', url: hubUrl, label: 'Hub 聯遞系統中央伺服器' }].concat(
  DEMO_NODES.map((node) => ({
    name: node.party,
    url: `http://${host}:${node.port}`,
    label: node.label,
    node,
  })),
);
const results = await Promise.all(targets.map((target) => waitHealthy(target.url, deadline)));
if (stopping) process.exit(1);
const failed = targets.filter((_, index) => !results[index]);
if (failed.length > 0) {
  log(
    `not healthy within 30 s: ${failed.map((target) => target.name).join(', ')} (see logs/server.log in each data directory)`,
  );
  shutdown(1);
} else {
  log('\nCDS 聯遞系統 demo is running. Data: ' + dataRoot);
  for (const target of targets) {
    const key = target.node ? `  School Key 學校密碼匙: ${demoSchoolKey(target.node.party)}` : '';
    log(`  ${target.url.padEnd(24)} ${target.label}${key}`);
  }
  log(`\nLogins on every node (password ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) log(`  ${user.username.padEnd(9)} ${user.group}`);
  log('\nPreparing demo keys and registration…');
  try {
    for (const line of await prepareDemoParticipants(repo, dataRoot, log)) log(line);
    await seedDemoMessages(repo, dataRoot, log);
    log('  EDB and HKEAA run a transmission cycle every 10 s; schools on school days at 08:00, 12:30, 16:30');
  } catch (error) {
    log(`demo preparation failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  log('\nPress Ctrl-C to stop.');
}
