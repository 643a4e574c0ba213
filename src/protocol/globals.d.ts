// The few platform globals the pure core may use. They exist in every browser and in Node ≥ 18;
// declaring them here (instead of pulling in the DOM lib or @types/node) keeps the core honest.

interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
interface TextDecodeOptions {
  stream?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare const crypto:
  | {
      getRandomValues<T extends ArrayBufferView>(array: T): T;
      subtle?: unknown;
    }
  | undefined;
// WebAssembly, for the SIMD masking module (maskSimd.ts); absent on a few locked-down engines, which the
// core checks for with `typeof WebAssembly`.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: object;
  }
  function validate(bytes: Uint8Array): boolean;
}
