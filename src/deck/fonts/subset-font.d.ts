// subset-font ships no types: the one call the CJK build makes.
declare module 'subset-font' {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options: {
      targetFormat: 'woff2' | 'woff' | 'sfnt';
      variationAxes?: Record<string, number>;
      keepFeatures?: string[];
    },
  ): Promise<Uint8Array>;
}
