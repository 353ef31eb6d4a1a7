/** The logistic function. */
export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Full-batch gradient descent with Nesterov momentum on the mean log loss plus l2·|w|²/2, over the given rows
 * of a row-major matrix of standardised features (`d` columns). Shared by the churn model and the win
 * probability of opportunities.
 * @example fitLogistic(Float64Array.from([0, 1, 1, 0]), 1, [0, 1, 2, 3], [false, true, true, false], 0.01, 300) // { weights: [w], bias: b }
 */
export function fitLogistic(matrix: Float64Array, d: number, rowIndices: readonly number[], labels: boolean[], l2: number, epochs: number): { weights: number[]; bias: number } {
  const n = rowIndices.length;
  const flat = new Float64Array(n * d);
  rowIndices.forEach((row, i) => flat.set(matrix.subarray(row * d, row * d + d), i * d));
  const y = Float64Array.from(labels, (l) => (l ? 1 : 0));
  const w = new Float64Array(d + 1); // last slot: bias
  const velocity = new Float64Array(d + 1);
  const lookahead = new Float64Array(d + 1);
  const gradient = new Float64Array(d + 1);
  const rate = 0.5;
  const momentum = 0.9;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = 0; k <= d; k++) lookahead[k] = w[k]! + momentum * velocity[k]!;
    gradient.fill(0);
    for (let i = 0; i < n; i++) {
      let z = lookahead[d]!;
      const offset = i * d;
      for (let k = 0; k < d; k++) z += lookahead[k]! * flat[offset + k]!;
      const error = sigmoid(z) - y[i]!;
      for (let k = 0; k < d; k++) gradient[k]! += error * flat[offset + k]!;
      gradient[d]! += error;
    }
    for (let k = 0; k <= d; k++) {
      const penalty = k < d ? l2 * lookahead[k]! : 0;
      velocity[k] = momentum * velocity[k]! - rate * (gradient[k]! / n + penalty);
      w[k]! += velocity[k]!;
    }
  }
  return { weights: Array.from(w.subarray(0, d)), bias: w[d]! };
}
