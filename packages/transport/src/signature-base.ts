import { httpbis } from 'http-message-signatures';

/**
 * RFC 9421 §2.5 signature base, built by http-message-signatures so that the signer and the verifier
 * share one construction. Two properties of that library matter here and hold for CDS:
 * `@method` is upper-cased (RFC 9421 keeps it as sent; every CDS method is upper-case already), and
 * `@target-uri` / `@authority` are derived from the URL we pass, so both sides pass the WHATWG
 * serialisation (`URL.href`) of the absolute target: the node the URL it addressed, the hub the URL
 * rebuilt from scheme, Host and request target (see request-url.ts).
 */
export interface SignableRequest {
  readonly method: string;
  /** Absolute, already normalised with `new URL(...).href`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/**
 * @param components covered components as serialised RFC 8941 items, e.g. `"@method"`.
 * @param signatureParams the serialised inner list with its parameters, the `@signature-params` value.
 */
export function signatureBase(
  request: SignableRequest,
  components: readonly string[],
  signatureParams: string,
): string {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = typeof value === 'string' ? value : [...value];
  }
  const base = httpbis.createSignatureBase(
    { fields: [...components] },
    { method: request.method, url: request.url, headers },
  );
  base.push(['"@signature-params"', [signatureParams]]);
  return httpbis.formatSignatureBase(base);
}
