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

export function decodeKeyPart(encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded[i]!;
    if (ch === '~') {
      const hex = encoded.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) throw new RangeError(`Malformed key part "${encoded}" at position ${i}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(ch.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
