// Decodes an uploaded CSV file. Street offices save from Excel or WPS, which write
// UTF-8 (often with a byte-order mark) or, on Chinese Windows, GBK. Valid UTF-8 is
// taken as UTF-8; anything else as GBK (workerd's TextDecoder knows GBK).

export type CsvEncoding = 'utf-8' | 'gbk';

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding; bom: boolean } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', bom };
  } catch {
    return { text: new TextDecoder('gbk').decode(body), encoding: 'gbk', bom: false };
  }
}
