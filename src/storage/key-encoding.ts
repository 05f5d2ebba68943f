/**
 * Table keys may not contain / \ # ? or control characters, and ids from outside (Teams ids hold ':' and more)
 * may contain anything. Every character outside a small safe set becomes ~XX per UTF-8 byte, so encoding is
 * lossless, '|' stays free as a key separator, and encoded keys contain no '%' (which some Table endpoints mishandle).
 */
const SAFE = /[A-Za-z0-9._:@=+-]/;

export function encodeKeyPart(id: string): string {
  let out = '';
  for (const ch of id) {
    if (SAFE.test(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) out += `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}
