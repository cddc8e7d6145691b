"""Generates the shared benchmark set: clustered Gaussian vectors, L2-normalised, plus exact inner-product top-k.

usage: make_data.py OUT_DIR [--n 100000] [--d 512] [--queries 1000] [--clusters 1000] [--spread 0.6] [--seed 7]
Writes base.fvecs, query.fvecs (held-out points from the same clusters) and gt.ivecs (exact top-100 ids).
"""
import argparse
import os
import time

import numpy as np

from fvecs import write_vecs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--d", type=int, default=512)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--clusters", type=int, default=1000)
    parser.add_argument("--spread", type=float, default=0.6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--gt", type=int, default=100)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    total = args.n + args.queries
    centres = rng.standard_normal((args.clusters, args.d), dtype=np.float32)
    data = centres[rng.integers(0, args.clusters, total)]
    data += args.spread * rng.standard_normal((total, args.d), dtype=np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    base, queries = data[: args.n], data[args.n :]

    started = time.time()
    gt = np.empty((args.queries, args.gt), dtype=np.int32)
    for start in range(0, args.queries, 100):
        scores = queries[start : start + 100] @ base.T
        top = np.argpartition(-scores, args.gt, axis=1)[:, : args.gt]
        order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1)
        gt[start : start + 100] = np.take_along_axis(top, order, axis=1)

    os.makedirs(args.out, exist_ok=True)
    write_vecs(os.path.join(args.out, "base.fvecs"), base)
    write_vecs(os.path.join(args.out, "query.fvecs"), queries)
    write_vecs(os.path.join(args.out, "gt.ivecs"), gt)
    print(f"wrote {args.n} x {args.d} base, {args.queries} queries, exact top-{args.gt} in {time.time() - started:.1f}s to {args.out}")


if __name__ == "__main__":
    main()
