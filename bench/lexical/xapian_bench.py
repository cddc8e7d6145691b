#!/usr/bin/python3
"""Xapian peer for the Lodestar lexical benchmark (see docs/benchmarks.md).

Indexes a BEIR-format dataset (title + text in one field, English Porter-family stemming, Lucene's 33 English stop
words, no positions), then runs every judged test query single-threaded with BM25 (k1=0.9, b=0.4) and prints the
same fields as `Lodestar.Bench lexical`. Needs Debian's python3-xapian (run with /usr/bin/python3).
"""
import argparse
import json
import math
import os
import shutil
import tempfile
import time

import xapian

STOP_WORDS = ("a an and are as at be but by for if in into is it no not of on or such that the their then there "
              "these they this to was will with").split()


def load(directory):
    corpus = []
    with open(os.path.join(directory, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                corpus.append((str(d["_id"]), d.get("title") or "", d.get("text") or ""))
    qrels = {}
    with open(os.path.join(directory, "qrels", "test.tsv"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            parts = line.rstrip("\n").split("\t")
            if i == 0 and not parts[2].lstrip("-").isdigit():
                continue
            qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    queries = {}
    with open(os.path.join(directory, "queries.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                q = json.loads(line)
                if str(q["_id"]) in qrels:
                    queries[str(q["_id"])] = q["text"]
    return corpus, queries, qrels


def ndcg_at_10(qrels, run):
    total = 0.0
    for qid, judged in qrels.items():
        ranked = run.get(qid, [])
        dcg = sum(max(judged.get(doc, 0), 0) / math.log2(i + 2) for i, doc in enumerate(ranked[:10]))
        ideal = sorted((r for r in judged.values() if r > 0), reverse=True)[:10]
        idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
        total += dcg / idcg if idcg > 0 else 0.0
    return total / len(qrels)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    corpus, queries, qrels = load(args.dataset)
    load_s = time.perf_counter() - start

    stemmer = xapian.Stem("english")
    stopper = xapian.SimpleStopper()
    for word in STOP_WORDS:
        stopper.add(word)

    db_dir = tempfile.mkdtemp(prefix="xapian-bench-")
    try:
        start, cpu = time.perf_counter(), time.process_time()
        db = xapian.WritableDatabase(db_dir, xapian.DB_CREATE_OR_OVERWRITE)
        generator = xapian.TermGenerator()
        generator.set_stemmer(stemmer)
        generator.set_stemming_strategy(xapian.TermGenerator.STEM_ALL)
        generator.set_stopper(stopper)
        generator.set_stopper_strategy(xapian.TermGenerator.STOP_ALL)
        db.begin_transaction(False)
        for doc_id, title, text in corpus:
            doc = xapian.Document()
            generator.set_document(doc)
            generator.index_text_without_positions(title)
            generator.increase_termpos()
            generator.index_text_without_positions(text)
            doc.set_data(doc_id)
            db.add_document(doc)
        db.commit_transaction()
        db.close()
        index_s, index_cpu_s = time.perf_counter() - start, time.process_time() - cpu

        reader = xapian.Database(db_dir)
        enquire = xapian.Enquire(reader)
        enquire.set_weighting_scheme(xapian.BM25Weight(0.9, 0.0, 1.0, 0.4, 0.5))
        query_parser = xapian.QueryParser()
        query_parser.set_stemmer(stemmer)
        query_parser.set_stemming_strategy(xapian.QueryParser.STEM_ALL)
        query_parser.set_stopper(stopper)
        query_parser.set_default_op(xapian.Query.OP_OR)

        ordered = sorted(queries.items())

        def search(text):
            enquire.set_query(query_parser.parse_query(text))
            return enquire.get_mset(0, args.k)

        run = {qid: [m.document.get_data().decode() for m in search(text)] for qid, text in ordered}
        latencies = []
        cpu_latencies = []
        total_start = time.perf_counter()
        for _ in range(args.repeat):
            for _, text in ordered:
                c0 = time.thread_time()
                t0 = time.perf_counter()
                search(text)
                latencies.append((time.perf_counter() - t0) * 1000)
                cpu_latencies.append((time.thread_time() - c0) * 1000)
        total = time.perf_counter() - total_start
        latencies.sort()
        cpu_latencies.sort()

        def percentile(values, p):
            return values[min(len(values) - 1, math.ceil(p * len(values)) - 1)]

        print(f"engine=xapian-{xapian.version_string()} docs={reader.get_doccount()} queries={len(ordered)} k={args.k} "
              f"repeat={args.repeat} load_s={load_s:.2f} index_s={index_s:.2f} index_cpu_s={index_cpu_s:.2f} qps={len(latencies) / total:.0f} "
              f"p50_ms={percentile(latencies, 0.50):.3f} p99_ms={percentile(latencies, 0.99):.3f} "
              f"cpu_qps={len(cpu_latencies) / (sum(cpu_latencies) / 1000):.0f} cpu_p50_ms={percentile(cpu_latencies, 0.50):.3f} "
              f"cpu_p99_ms={percentile(cpu_latencies, 0.99):.3f} ndcg10={ndcg_at_10(qrels, run):.4f}")
    finally:
        shutil.rmtree(db_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
