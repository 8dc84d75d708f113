import { describe, expect, it } from 'vitest';
import { NAMESPACES, RESOURCES } from './index.js';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe.each(NAMESPACES)('locales, namespace %s', (ns) => {
  it('English has exactly the keys of Traditional Chinese, with the same placeholders', () => {
    const zh = RESOURCES['zh-HK'][ns] as unknown;
    const en = RESOURCES.en[ns] as unknown;
    expect(keysOf(en).sort()).toEqual(keysOf(zh).sort());
    for (const key of keysOf(zh)) {
      const pick = (root: unknown) =>
        key.split('.').reduce<unknown>((node, part) => (node as never)[part], root);
      expect(placeholders(String(pick(en))), key).toEqual(placeholders(String(pick(zh))));
    }
  });

  it('no Chinese text is left in English, and none is empty', () => {
    const zh = RESOURCES['zh-HK'][ns] as unknown;
    // The language switch names each language in itself.
    const englishOnPurpose = ['language.en'];
    for (const key of keysOf(zh)) {
      const text = String(key.split('.').reduce<unknown>((node, part) => (node as never)[part], zh));
      expect(text.trim(), key).not.toBe('');
      const bare = text.replace(/\{\{\w+\}\}/g, '');
      if (/[A-Za-z]{3,}/.test(bare) && !englishOnPurpose.includes(key))
        expect(bare, key).toMatch(/\p{Script=Han}/u);
    }
  });
});
