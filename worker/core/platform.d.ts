// The web-platform globals the pure core may use, beyond ECMAScript: WHATWG URL and
// TextDecoder (the Encoding standard). The Workers runtime, browsers and Node all have
// both, so core stays runnable everywhere; anything else (fetch, DOM, D1, crypto) is a
// type error here. The shapes follow lib.dom.d.ts, trimmed to what core calls.

declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  toString(): string;
}

interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
