/**
 * The index and value arrays of sparse rows being written, with room for `needed` entries:
 * the same arrays when they fit, else copies doubled in size (or to `needed`, if more).
 */
export function withRoom(
  indices: Int32Array<ArrayBuffer>,
  values: Float32Array<ArrayBuffer>,
  needed: number,
): [Int32Array<ArrayBuffer>, Float32Array<ArrayBuffer>] {
  if (needed <= indices.length) return [indices, values];
  const grownIndices = new Int32Array(Math.max(indices.length * 2, needed));
  grownIndices.set(indices);
  const grownValues = new Float32Array(grownIndices.length);
  grownValues.set(values);
  return [grownIndices, grownValues];
}
