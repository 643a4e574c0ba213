/**
 * Where a decoder's payload memory comes from. The default, `new Uint8Array(n)`, is zero-filled, and at
 * 1 MiB zero-filling costs more than unmasking. A caller on a platform with uninitialised memory (Node's
 * `Buffer.allocUnsafeSlow`) may pass it: the decoder writes every byte of a payload before it hands the
 * frame out, so no stale byte is ever seen.
 */
export type AllocateBytes = (length: number) => Uint8Array;

export const zeroFilled: AllocateBytes = (length) => new Uint8Array(length);

/**
 * Hands out byte arrays carved from larger blocks. A fresh `new Uint8Array(n)` of a few KiB costs
 * microseconds (its own zeroed backing store), more than unmasking it; views into a shared block cost
 * nanoseconds. A block is freed when the last view into it is. Large requests get arrays of their own,
 * so one long-lived big payload never pins a block.
 */
export class ByteSlab {
  // The block as its buffer and offset: `new Uint8Array(buffer, offset, n)` is several times cheaper
  // than `subarray`, which looks up a species constructor on every call.
  private buffer: ArrayBufferLike;
  private base: number;
  private used = 0;

  constructor(
    private readonly allocate: AllocateBytes = zeroFilled,
    private readonly blockSize = 256 * 1024,
    private readonly largest = 16 * 1024,
  ) {
    const block = allocate(blockSize);
    this.buffer = block.buffer;
    this.base = block.byteOffset;
  }

  take(length: number): Uint8Array {
    if (length > this.largest) return this.allocate(length);
    if (this.used + length > this.blockSize) {
      const block = this.allocate(this.blockSize);
      this.buffer = block.buffer;
      this.base = block.byteOffset;
      this.used = 0;
    }
    const bytes = new Uint8Array(this.buffer, this.base + this.used, length);
    this.used += (length + 7) & ~7; // keep every view 8-byte aligned, so word-wise unmasking can use it
    return bytes;
  }
}
