/**
 * The layout of RFC 6455 §5.2's figure, once for every view that draws it (the deck's diagram, the
 * inspector's bit grid, the CLI's and the terminal's text grid): 32 bits per row, and a run of bits that
 * passes the end of a row continues at the start of the next, as the RFC's ASCII diagram does.
 */
export const gridRowBits = 32;

/** One row's part of a run of bits. */
export type GridPiece = {
  /** 0-based row of the figure. */
  readonly row: number;
  /** 0-based bit column in that row. */
  readonly column: number;
  readonly width: number;
  /** Bit offset of the piece in the frame (and `start - runStart` inside the run). */
  readonly start: number;
  /** True for the run's first piece: the one that carries its label. */
  readonly first: boolean;
};

/** The bits `[start, end)` cut at row ends, in order. */
export function gridPieces(start: number, end: number): GridPiece[] {
  const pieces: GridPiece[] = [];
  for (let at = start; at < end; ) {
    const row = Math.floor(at / gridRowBits);
    const column = at % gridRowBits;
    const width = Math.min(end - at, gridRowBits - column);
    pieces.push({ row, column, width, start: at, first: at === start });
    at += width;
  }
  return pieces;
}
