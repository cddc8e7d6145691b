#!/usr/bin/env python3
"""Joins the JSON lines of sklearn_baseline.py and `Lodestar.Bench mlops` into one markdown table with ratios.

usage: combine.py SKLEARN.jsonl LODESTAR.jsonl
"""
import json
import statistics
import sys


def read(path):
    """Rows keyed by (dataset, algo); repeated rounds keep the first AUC and the median training time."""
    rows = {}
    with open(path) as f:
        for r in map(json.loads, filter(str.strip, f)):
            rows.setdefault((r["dataset"], r["algo"]), []).append(r)
    return {key: {"auc": rs[0]["auc"], "train_seconds": statistics.median(r["train_seconds"] for r in rs), "rounds": len(rs)}
            for key, rs in rows.items()}


sk, lo = read(sys.argv[1]), read(sys.argv[2])
print("| dataset | algorithm | rounds | sklearn AUC | Lodestar AUC | ΔAUC | sklearn train s | Lodestar train s | speed-up (sklearn/Lodestar) |")
print("|---|---|---|---|---|---|---|---|---|")
for key in sk:
    if key not in lo:
        continue
    s, l = sk[key], lo[key]
    print(f"| {key[0]} | {key[1]} | {s['rounds']} | {s['auc']:.5f} | {l['auc']:.5f} | {l['auc'] - s['auc']:+.5f} | "
          f"{s['train_seconds']:.3f} | {l['train_seconds']:.3f} | {s['train_seconds'] / l['train_seconds']:.2f}x |")
