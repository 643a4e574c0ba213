/**
 * Hands out byte arrays carved from larger blocks. A fresh `new Uint8Array(n)` of a few KiB costs
 * microseconds (its own zeroed backing store), more than unmasking it; views into a shared block cost
 * nanoseconds. A block is freed when the last view into it is. Large requests get arrays of their own,
 * so one long-lived big payload never pins a block.
 */
export class ByteSlab {
  private block: ArrayBuffer;
  private used = 0;

  constructor(
    private readonly blockSize = 256 * 1024,
    private readonly largest = 16 * 1024,
  ) {
    this.block = new ArrayBuffer(blockSize);
  }

  take(length: number): Uint8Array {
    if (length > this.largest) return new Uint8Array(length);
    if (this.used + length > this.blockSize) {
      this.block = new ArrayBuffer(this.blockSize);
      this.used = 0;
    }
    const bytes = new Uint8Array(this.block, this.used, length);
    this.used += (length + 7) & ~7; // keep every view 8-byte aligned, so word-wise unmasking can use it
    return bytes;
  }
}
