#!/usr/bin/env python3
"""Exports the benchmark datasets as train/test CSV pairs (not committed; regenerate any time).

usage: /usr/bin/python3 bench/mlops/export_datasets.py OUT_DIR [--large-rows N]
  breast_cancer  569 x 30, malignant vs benign (sklearn bundled)
  digits         1797 x 64, binarised: digit >= 5 (sklearn bundled)
  synthetic      make_classification, N rows (default 1 000 000) x 20 features, 10 informative, 5% label noise
All splits: 75/25, stratified, random_state=0.
"""
import argparse
import pathlib

import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, make_classification
from sklearn.model_selection import train_test_split


def write(path, X, y, names):
    header = ",".join(names + ["target"])
    data = np.column_stack([X, y])
    fmt = ["%.17g"] * X.shape[1] + ["%d"]
    np.savetxt(path, data, delimiter=",", header=header, comments="", fmt=fmt)


def export(out, name, X, y):
    names = [f"f{i}" for i in range(X.shape[1])]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / "train.csv", X_train, y_train, names)
    write(folder / "test.csv", X_test, y_test, names)
    print(f"{name}: {len(y_train)} train, {len(y_test)} test, {X.shape[1]} features")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--large-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    cancer = load_breast_cancer()
    export(out, "breast_cancer", cancer.data, cancer.target)
    digits = load_digits()
    export(out, "digits", digits.data, (digits.target >= 5).astype(int))
    X, y = make_classification(n_samples=args.large_rows, n_features=20, n_informative=10, n_redundant=4,
                               flip_y=0.05, random_state=0)
    export(out, "synthetic", X, y)


if __name__ == "__main__":
    main()
