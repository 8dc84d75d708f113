import type { BareItem, SfDictionary, SfInnerList, SfItem, SfParameters } from './structured-fields.js';

/**
 * RFC 8941 §4.1 serialisation. The verifier needs it twice: RFC 9421 builds `@signature-params` from
 * the re-serialised Signature-Input member, and comparing a received field with its own canonical
 * form is how we refuse encodings that differ from what was signed yet parse to the same value.
 */
export function serializeDictionary(dictionary: SfDictionary): string {
  return [...dictionary]
    .map(([key, member]) =>
      member.kind === 'item' && member.value.type === 'boolean' && member.value.value
        ? `${key}${serializeParams(member.params)}`
        : `${key}=${serializeMember(member)}`,
    )
    .join(', ');
}

export function serializeMember(member: SfItem | SfInnerList): string {
  if (member.kind === 'item') return serializeItem(member);
  return `(${member.items.map(serializeItem).join(' ')})${serializeParams(member.params)}`;
}

export function serializeItem(item: SfItem): string {
  return `${serializeBareItem(item.value)}${serializeParams(item.params)}`;
}

export function serializeParams(params: SfParameters): string {
  return [...params]
    .map(([key, value]) =>
      value.type === 'boolean' && value.value ? `;${key}` : `;${key}=${serializeBareItem(value)}`,
    )
    .join('');
}

export function serializeBareItem(item: BareItem): string {
  switch (item.type) {
    case 'integer':
      return String(item.value);
    case 'decimal':
      return serializeDecimal(item.value);
    case 'string':
      return `"${item.value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    case 'token':
      return item.value;
    case 'bytes':
      return `:${item.value.toString('base64')}:`;
    case 'boolean':
      return item.value ? '?1' : '?0';
  }
}

function serializeDecimal(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  const text = rounded.toFixed(3).replace(/0+$/, '');
  return text.endsWith('.') ? `${text}0` : text;
}
