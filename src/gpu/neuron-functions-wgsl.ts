/**
 * The WGSL of the neuron's activation and loss for one kernel, generated from the tables
 * in src/engine/functions/: `activationAndSlope(z)` returns (a, f′(z)) and
 * `gradientAndLoss(z, y)` returns (dJ/dz, loss) of one sample, both in float32. Only the
 * chosen pair is written, so a kernel carries no branch for the others.
 */
import { activationFunction, WGSL_HELPERS } from '../engine/functions/activations';
import { lossFunction } from '../engine/functions/losses';
import type { Activation, LossKind } from '../engine/types';

function body(code: string): string {
  return code.split('\n').map((line) => `  ${line}`).join('\n');
}

export function neuronFunctionsWgsl(activation: Activation, loss: LossKind): string {
  return [
    WGSL_HELPERS,
    '',
    `// ${activation}: (a, f'(z)) of pre-activation z.`,
    `fn activationAndSlope(z: f32) -> vec2f {\n${body(activationFunction(activation).wgsl)}\n}`,
    '',
    `// ${loss}: (dJ/dz, loss) of one sample with pre-activation z and target y.`,
    `fn gradientAndLoss(z: f32, y: f32) -> vec2f {\n${body(lossFunction(loss).wgsl)}\n}`,
  ].join('\n');
}
