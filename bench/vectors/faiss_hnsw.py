"""FAISS peer run: IndexHNSWFlat with inner product on the shared normalised vectors, same M/efConstruction/efSearch
sweep as the Lodestar bench. Prints one JSON object per line.

usage: faiss_hnsw.py DATA_DIR [--m 16] [--ef-construction 200] [--ef 16,32,64,128,256] [--k 10] [--build-threads 2]
"""
import argparse
import json
import os
import time

import faiss
import numpy as np

from fvecs import read_fvecs, read_ivecs


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def rss_split():
    """(anonymous, file-backed) resident bytes from /proc/self/status, the same split the Lodestar bench reports."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("RssAnon", "RssFile"):
                fields[name] = int(value.split()[0]) * 1024
    return fields["RssAnon"], fields["RssFile"]


def recall_at(found, truth, k):
    return float(np.mean([len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, truth)]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--ef-construction", type=int, default=200)
    parser.add_argument("--ef", default="16,32,64,128,256")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--build-threads", type=int, default=2)
    args = parser.parse_args()

    base = read_fvecs(os.path.join(args.data, "base.fvecs"))
    queries = read_fvecs(os.path.join(args.data, "query.fvecs"))
    truth = read_ivecs(os.path.join(args.data, "gt.ivecs"))
    n, d = base.shape

    faiss.omp_set_num_threads(args.build_threads)
    rss_before = rss_bytes()
    anon_before, file_before = rss_split()
    index = faiss.IndexHNSWFlat(d, args.m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = args.ef_construction
    started, cpu = time.perf_counter(), time.process_time()
    index.add(base)
    build, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    rss_after = rss_bytes()
    anon_after, file_after = rss_split()
    serialized = faiss.serialize_index(index).nbytes
    print(json.dumps({"engine": "faiss", "version": faiss.__version__, "n": n, "d": d, "m": args.m,
                      "ef_construction": args.ef_construction, "build_threads": args.build_threads,
                      "build_seconds": round(build, 2), "build_cpu_seconds": round(build_cpu, 2), "bytes_per_vector_serialized": round(serialized / n, 1),
                      "bytes_per_vector_rss": round((rss_after - rss_before) / n, 1),
                      "bytes_per_vector_rss_anon": round((anon_after - anon_before) / n, 1),
                      "bytes_per_vector_rss_file": round((file_after - file_before) / n, 1)}), flush=True)

    for ef in [int(e) for e in args.ef.split(",")]:
        index.hnsw.efSearch = ef
        row = {"engine": "faiss", "ef_search": ef}
        for threads in (1, 2):
            faiss.omp_set_num_threads(threads)
            started, cpu = time.perf_counter(), time.process_time()
            _, found = index.search(queries, args.k)
            row[f"qps_{threads}t"] = round(len(queries) / (time.perf_counter() - started), 1)
            if threads == 1:
                # Queries per CPU-second: robust to other load on a shared box, unlike wall-clock QPS.
                row["qps_per_cpu_second"] = round(len(queries) / (time.process_time() - cpu), 1)
        row["recall_at_10"] = round(recall_at(found, truth, args.k), 4)
        faiss.omp_set_num_threads(1)
        latencies = []
        for q in queries:
            started = time.perf_counter()
            index.search(q[None, :], args.k)
            latencies.append(time.perf_counter() - started)
        row["p50_us"] = round(float(np.percentile(latencies, 50)) * 1e6, 1)
        row["p99_us"] = round(float(np.percentile(latencies, 99)) * 1e6, 1)
        print(json.dumps(row), flush=True)

    anon_end, file_end = rss_split()
    print(json.dumps({"engine": "faiss", "after_sweep_bytes_per_vector_rss_anon": round((anon_end - anon_before) / n, 1),
                      "after_sweep_bytes_per_vector_rss_file": round((file_end - file_before) / n, 1)}), flush=True)


if __name__ == "__main__":
    main()
