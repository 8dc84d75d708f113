import { describe, expect, it } from 'vitest';
import { requestUrl } from './request-url.js';

describe('requestUrl rebuilds the URL the node addressed', () => {
  it.each([
    [
      { protocol: 'http', headers: { host: '127.0.0.1:18700' }, url: '/v1/messages/0190?part=1' },
      'http://127.0.0.1:18700/v1/messages/0190?part=1',
    ],
    [
      { protocol: 'https', headers: { host: 'Hub.EDB.gov.hk:443' }, url: '/v1/directory' },
      'https://hub.edb.gov.hk/v1/directory',
    ],
    [{ protocol: 'http', headers: { host: '[::1]:18700' }, url: '/' }, 'http://[::1]:18700/'],
    [
      { protocol: 'https', host: 'cds.example:8443', headers: { host: 'internal:18700' }, url: '/v1/x' },
      'https://cds.example:8443/v1/x',
    ],
    [{ protocol: 'http', headers: { host: 'h' }, url: '/a%20b?q=%E4%B8%AD' }, 'http://h/a%20b?q=%E4%B8%AD'],
  ])('%j → %s', (request, expected) => {
    expect(requestUrl(request)).toBe(expected);
  });

  it.each([
    ['no Host', { protocol: 'http', headers: {}, url: '/v1' }],
    ['a Host with a path', { protocol: 'http', headers: { host: 'hub.example/evil' }, url: '/v1' }],
    ['a Host with userinfo', { protocol: 'http', headers: { host: 'me@hub.example' }, url: '/v1' }],
    ['an unknown scheme', { protocol: 'ftp', headers: { host: 'hub.example' }, url: '/v1' }],
    [
      'an absolute-form target',
      { protocol: 'http', headers: { host: 'hub.example' }, url: 'http://other/v1' },
    ],
    [
      'dot segments',
      { protocol: 'http', headers: { host: 'hub.example' }, url: '/v1/messages/../directory' },
    ],
    ['a single dot segment', { protocol: 'http', headers: { host: 'hub.example' }, url: '/v1/./directory' }],
    ['a backslash', { protocol: 'http', headers: { host: 'hub.example' }, url: '/v1\\directory' }],
    ['a fragment', { protocol: 'http', headers: { host: 'hub.example' }, url: '/v1#x' }],
    ['an unencoded character', { protocol: 'http', headers: { host: 'hub.example' }, url: '/v1/{id}' }],
  ])('refuses %s with transport.signature_invalid', (_name, request) => {
    expect(() => requestUrl(request)).toThrow(
      expect.objectContaining({ code: 'transport.signature_invalid' }),
    );
  });
});
