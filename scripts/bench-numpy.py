"""numpy as a contender of `npm run bench` (scripts/bench.mjs runs it after the page).

Reads one JSON job from stdin: {"cases": [{"id", "n", "d", "activation", "loss",
"learningRate", "batchSize", "fixedEpochs"?, "init": {"weights", "bias"}, "data": path}],
"targetCallMs", "budgetMs", "maxRepeats"}; each case's data file holds n*d float32
features (row-major) then n float32 labels, written by bench.mjs from makeDataset, so
numpy trains on our numbers. Prints one JSON object: numpy's version, its BLAS threads and
a measurement per case in bench/types.ts's Measurement shape.

The epoch is what a person would write in numpy: float32 data and weights, z = X @ w + b
and X.T @ g through BLAS (each a pass over X: numpy reads the data twice), float64 loss;
mini-batches take a fresh permutation per epoch and gather X[idx].
"""
import json
import os
import sys
import time

import numpy as np


def gradient_and_loss(activation, loss, z, y):
    """dJ/dz and the summed loss, as src/engine/functions/ defines them."""
    if loss == 'bce':
        t = np.exp(-np.abs(z))
        s = np.where(z >= 0, 1 / (1 + t), t / (1 + t))
        return s - y, float(np.sum(np.maximum(z, 0) + np.log1p(t) - y * z, dtype=np.float64))
    if activation == 'identity':
        a, slope = z, 1
    elif activation == 'relu':
        a, slope = np.maximum(z, 0), (z > 0).astype(np.float32)
    elif activation == 'leakyRelu':
        a, slope = np.where(z > 0, z, 0.01 * z), np.where(z > 0, 1, 0.01).astype(np.float32)
    elif activation == 'tanh':
        a = np.tanh(z)
        slope = 1 - a * a
    else:
        t = np.exp(-np.abs(z))
        a = np.where(z >= 0, 1 / (1 + t), t / (1 + t))
        slope = a * (1 - a)
    diff = a - y
    return 2 * diff * slope, float(np.sum(diff * diff, dtype=np.float64))


def trainer(case):
    n, d = case['n'], case['d']
    raw = np.fromfile(case['data'], dtype=np.float32)
    X = raw[: n * d].reshape(n, d)
    y = raw[n * d:]
    lr, batch = case['learningRate'], case['batchSize']
    rng = np.random.default_rng(0)

    def run(epochs):
        w = np.array(case['init']['weights'], dtype=np.float32)
        b = np.float32(case['init']['bias'])
        start = time.perf_counter()
        for _ in range(epochs):
            if batch >= n:
                g, _ = gradient_and_loss(case['activation'], case['loss'], X @ w + b, y)
                w -= np.float32(lr / n) * (X.T @ g)
                b -= np.float32(lr / n) * g.sum()
            else:
                order = rng.permutation(n)
                for i in range(0, n, batch):
                    idx = order[i:i + batch]
                    Xb = X[idx]
                    g, _ = gradient_and_loss(case['activation'], case['loss'], Xb @ w + b, y[idx])
                    w -= np.float32(lr / len(idx)) * (Xb.T @ g)
                    b -= np.float32(lr / len(idx)) * g.sum()
        ms = (time.perf_counter() - start) * 1000
        return ms, [float(v) for v in w], float(b)

    return run


def spread(values):
    s = sorted(values)
    mid = len(s) // 2
    median = s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
    return {'median': median, 'min': s[0], 'max': s[-1]}


def measure(case, job):
    run = trainer(case)
    fixed = case.get('fixedEpochs')
    check_epochs = min(fixed, 100) if fixed else 1
    first_ms, weights, bias = run(check_epochs)
    check = {'epochs': check_epochs, 'weights': weights, 'bias': bias}
    if fixed:
        epochs = fixed
        per_call = run(check_epochs)[0] * fixed / check_epochs
    else:
        # Grow the calls until one lasts a quarter of the target (warm-up), as the page does.
        size, ms = 1, first_ms
        while ms < job['targetCallMs'] / 4 and size < 100_000:
            size = min(100_000, size * max(2, min(100, int(job['targetCallMs'] / max(ms, 0.05)))))
            ms = run(size)[0]
        per_epoch = ms / size
        epochs = max(1, min(100_000, round(job['targetCallMs'] / max(per_epoch, 1e-4))))
        per_call = epochs * per_epoch
    repeats = max(1, min(job['maxRepeats'], max(int(job['budgetMs'] // max(per_call, 1e-3)), 3)))
    times = [run(epochs)[0] for _ in range(repeats)]
    per_epoch = spread([t / epochs for t in times])
    seconds = per_epoch['median'] / 1000
    return {
        'contender': 'numpy', 'status': 'ok', 'epochsPerRepeat': epochs, 'repeats': repeats,
        'msPerEpoch': per_epoch, 'msPerCall': spread(times),
        'samplesPerSecond': case['n'] / seconds,
        'gbPerSecond': case['n'] * (case['d'] + 1) * 4 / seconds / 1e9,
        'check': check,
    }


def blas_threads():
    try:
        from threadpoolctl import threadpool_info
        return ', '.join(f"{p['internal_api']} {p['num_threads']}" for p in threadpool_info())
    except ImportError:
        return os.environ.get('OPENBLAS_NUM_THREADS', f'BLAS default ({os.cpu_count()} cores)')


def main():
    job = json.load(sys.stdin)
    results = {}
    for case in job['cases']:
        try:
            results[case['id']] = measure(case, job)
        except Exception as e:  # one case's failure is recorded, the others still run
            results[case['id']] = {'contender': 'numpy', 'status': 'failed', 'message': f'{type(e).__name__}: {e}'}
        m = results[case['id']]
        line = f"{m['msPerEpoch']['median']:.3f} ms per epoch ({m['repeats']} x {m['epochsPerRepeat']})" if m['status'] == 'ok' else m['message']
        print(f"  numpy {case['id']}: {line}", file=sys.stderr, flush=True)
    json.dump({'version': np.__version__, 'threads': blas_threads(), 'results': results}, sys.stdout)


main()
