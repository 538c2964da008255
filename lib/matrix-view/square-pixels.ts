/**
 * Heatmap squares written straight into an RGBA pixel buffer (an ImageData's, seen as 32-bit words):
 * 30,300 squares are a few hundred thousand word writes and one putImageData, where a fillRect each
 * cost a click its answer within 100 ms.
 */

/** A `#rrggbb` colour at an opacity as one RGBA word in the machine's (little-endian) byte order. */
export function rgbaWord(hex: string, alpha: number): number {
  const v = Number.parseInt(hex.slice(1), 16);
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255);
  return ((a << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}

/** Fills the pixels [x0, x1) × [y0, y1) of a buffer `stride` pixels wide, clipped to it. */
export function fillPixels(pixels: Uint32Array, stride: number, x0: number, y0: number, x1: number, y1: number, word: number): void {
  const rows = pixels.length / stride;
  const left = Math.max(0, x0);
  const right = Math.min(stride, x1);
  if (right <= left) return;
  for (let y = Math.max(0, y0); y < Math.min(rows, y1); y++) pixels.fill(word, y * stride + left, y * stride + right);
}

/** A square's pixels at a device pixel ratio: its CSS box scaled and rounded, so neighbours neither overlap nor gap. */
export function squarePixels(x: number, y: number, w: number, h: number, ratio: number): [x0: number, y0: number, x1: number, y1: number] {
  return [Math.round(x * ratio), Math.round(y * ratio), Math.round((x + w) * ratio), Math.round((y + h) * ratio)];
}
