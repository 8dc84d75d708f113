import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '@cds/domain';
import { loadConfig, parseConfig, writeConfig } from './config.js';
import { layoutOf, resolveDataDir } from './datadir.js';

const valid = {
  format: 'cds-config/1',
  role: 'node',
  party: '123456',
  nodeRole: 'school',
  hub: { urls: ['http://127.0.0.1:8700'], keyFingerprint: null, allowInsecure: false },
  http: { host: '127.0.0.1', port: 8701 },
  database: { kind: 'sqlite' },
};

function problems(value: unknown): string {
  try {
    parseConfig(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('config.invalid');
    return String((error as AppError).details['detail']);
  }
  throw new Error('config was accepted');
}

describe('config', () => {
  it('accepts a valid node config', () => {
    expect(parseConfig(valid)).toMatchObject({ party: '123456', role: 'node' });
  });

  it('lists every problem at once', () => {
    const detail = problems({ ...valid, party: '12345', http: { host: '', port: 70000 }, nodeRole: 'shop' });
    expect(detail).toContain('party');
    expect(detail).toContain('http.host');
    expect(detail).toContain('http.port');
    expect(detail).toContain('nodeRole');
  });

  it('refuses a plain-http hub off loopback unless allowed', () => {
    const remote = { ...valid, hub: { ...valid.hub, urls: ['http://hub.example.org'] } };
    expect(problems(remote)).toContain('--allow-insecure-hub');
    expect(parseConfig({ ...remote, hub: { ...remote.hub, allowInsecure: true } }).role).toBe('node');
    expect(parseConfig({ ...valid, hub: { ...valid.hub, urls: ['https://hub.example.org'] } }).role).toBe(
      'node',
    );
  });

  it('round-trips through the data directory and applies overrides', async () => {
    const layout = layoutOf(await mkdtemp(join(tmpdir(), 'cds-config-')));
    await expect(loadConfig(layout)).rejects.toMatchObject({ code: 'datadir.not_initialised' });
    await writeConfig(layout, parseConfig(valid));
    const loaded = await loadConfig(
      layout,
      { http: { port: 9999 } },
      { CDS_DATABASE_URL: 'postgres://u@h/db' },
    );
    expect(loaded.http.port).toBe(9999);
    expect(loaded.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    await writeFile(layout.config, '{ not json');
    await expect(loadConfig(layout)).rejects.toMatchObject({ code: 'config.invalid' });
    expect(await readFile(layout.config, 'utf8')).toBe('{ not json');
  });

  it('resolves data directories per SPEC §11', () => {
    expect(resolveDataDir({ node: '123456' }, { CDS_DATA_DIR: '/srv/cds' })).toBe('/srv/cds/123456');
    expect(resolveDataDir({ dataDir: '/x', node: '123456' }, {})).toBe('/x');
    expect(resolveDataDir({ node: 'EDB' }, {})).toMatch(/\/data\/EDB$/);
    expect(resolveDataDir({}, {})).toBeUndefined();
  });
});
