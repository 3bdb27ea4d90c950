// Decodes an uploaded CSV file. Street offices save from Excel or WPS, which write
// UTF-8 (often with a byte-order mark) or, on Chinese Windows, GBK (workerd's
// TextDecoder knows GBK). A byte-order mark means UTF-8, so an invalid byte after one
// is an error, never a reason to guess GBK (that turned a damaged UTF-8 file into
// mojibake that matched no site). Without a mark, a file that is mostly valid UTF-8
// with a bad byte is a damaged UTF-8 file too; anything else is read as GBK.

export type CsvEncoding = 'utf-8' | 'gbk';

export type Decoded =
  | { ok: true; text: string; encoding: CsvEncoding; bom: boolean }
  /** `row` as a spreadsheet numbers it (header = 1); `byteOffset` from the start of the file, 0-based. */
  | { ok: false; row: number; byteOffset: number; reason: string };

interface Utf8Scan {
  /** Offset of the first byte that is not valid UTF-8, or -1. */
  firstInvalid: number;
  /** Valid sequences of two or more bytes (what non-ASCII UTF-8 text is made of). */
  multiByte: number;
  invalid: number;
}

/** Scans bytes as UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
function scanUtf8(bytes: Uint8Array, from: number): Utf8Scan {
  const scan: Utf8Scan = { firstInvalid: -1, multiByte: 0, invalid: 0 };
  const cont = (i: number) => i < bytes.length && (bytes[i]! & 0xc0) === 0x80;
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n = 0;
    if (b < 0x80) n = 1;
    else if (b >= 0xc2 && b <= 0xdf) n = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const b1 = bytes[i + 1] ?? 0;
      const ok = (b === 0xe0 ? b1 >= 0xa0 : b === 0xed ? b1 < 0xa0 : true) && cont(i + 1) && cont(i + 2);
      n = ok ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const b1 = bytes[i + 1] ?? 0;
      const ok = (b === 0xf0 ? b1 >= 0x90 : b === 0xf4 ? b1 < 0x90 : true) && cont(i + 1) && cont(i + 2) && cont(i + 3);
      n = ok ? 4 : 0;
    }
    if (n === 0) {
      if (scan.firstInvalid < 0) scan.firstInvalid = i;
      scan.invalid++;
      i++;
    } else {
      if (n > 1) scan.multiByte++;
      i += n;
    }
  }
  return scan;
}

/** The CSV row holding byte `offset`: record ends (line breaks outside quotes) before it, plus one. */
function rowAt(bytes: Uint8Array, offset: number): number {
  let row = 1;
  let quoted = false;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) row++;
  }
  return row;
}

const invalidAt = (bytes: Uint8Array, offset: number): Decoded => ({
  ok: false,
  row: rowAt(bytes, offset),
  byteOffset: offset,
  reason: `invalid UTF-8 at byte ${offset}`,
});

export function decodeCsv(bytes: Uint8Array): Decoded {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const from = bom ? 3 : 0;
  const scan = scanUtf8(bytes, from);
  if (scan.firstInvalid < 0) {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes.subarray(from)),
      encoding: 'utf-8',
      bom,
    };
  }
  // GBK text is almost never valid UTF-8 for long: its Chinese runs fail on nearly every character.
  if (bom || scan.multiByte > scan.invalid) return invalidAt(bytes, scan.firstInvalid);
  try {
    return {
      ok: true,
      text: new TextDecoder('gbk', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'gbk',
      bom: false,
    };
  } catch {
    return invalidAt(bytes, scan.firstInvalid);
  }
}
