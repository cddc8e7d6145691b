#!/usr/bin/python3
"""Deterministic synthetic BEIR-format corpus for the lexical benchmark (both engines read the same files).

Words are pronounceable pseudo-words (consonant-vowel syllables, no English suffixes, so stemmers leave them alone)
drawn from a Zipf(s=1.07) distribution over --vocab words; passages are 30-90 words with a 3-word title. Each query
takes 2-5 distinct words of one passage, which is its single relevant document.

    /usr/bin/python3 bench/lexical/make_synthetic.py --docs 200000 --out /tmp/lexical-synth-200k
"""
import argparse
import itertools
import json
import os
import random

SYLLABLES = ["ka", "lo", "mi", "nu", "ru", "ta", "vo", "zi", "ba", "do", "fu", "ki", "ha", "ju", "pu", "so"]


def word(i):
    letters = []
    i += 16  # at least two syllables
    while i:
        i, digit = divmod(i, 16)
        letters.append(SYLLABLES[digit])
    return "".join(letters)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--vocab", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    vocab = [word(i) for i in range(args.vocab)]
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** 1.07 for rank in range(args.vocab)))
    os.makedirs(os.path.join(args.out, "qrels"), exist_ok=True)

    query_docs = set(rng.sample(range(args.docs), args.queries))
    queries = []
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as corpus:
        for d in range(args.docs):
            title = rng.choices(vocab, cum_weights=cumulative, k=3)
            body = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(30, 90))
            corpus.write(json.dumps({"_id": f"p{d}", "title": " ".join(title), "text": " ".join(body)}) + "\n")
            if d in query_docs:
                distinct = sorted(set(body))
                queries.append((f"q{d}", f"p{d}", rng.sample(distinct, min(len(distinct), rng.randint(2, 5)))))

    with open(os.path.join(args.out, "queries.jsonl"), "w", encoding="utf-8") as out:
        for qid, _, words in queries:
            out.write(json.dumps({"_id": qid, "text": " ".join(words)}) + "\n")
    with open(os.path.join(args.out, "qrels", "test.tsv"), "w", encoding="utf-8") as out:
        out.write("query-id\tcorpus-id\tscore\n")
        for qid, doc, _ in queries:
            out.write(f"{qid}\t{doc}\t1\n")


if __name__ == "__main__":
    main()
