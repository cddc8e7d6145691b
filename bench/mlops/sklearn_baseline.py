#!/usr/bin/env python3
"""Trains scikit-learn's LogisticRegression (standardised, C=1) and HistGradientBoostingClassifier (defaults)
on DATA_DIR/<dataset>/train.csv, scores test.csv, prints one JSON line per (dataset, algorithm).
Training time is the median of 5 fits below 100 000 rows, one fit above.

usage: /usr/bin/python3 bench/mlops/sklearn_baseline.py DATA_DIR dataset [dataset ...]
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1].astype(int)


def main():
    root = sys.argv[1]
    for name in sys.argv[2:]:
        X_train, y_train = load(f"{root}/{name}/train.csv")
        X_test, y_test = load(f"{root}/{name}/test.csv")
        models = {
            "logistic": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000)),
            "gbdt": HistGradientBoostingClassifier(random_state=42),
        }
        repeats = 5 if len(y_train) < 100_000 else 1
        for algo, model in models.items():
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                model.fit(X_train, y_train)
                times.append(time.perf_counter() - start)
            seconds = float(np.median(times))
            auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
            print(json.dumps({"dataset": name, "algo": algo, "auc": auc, "train_seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
