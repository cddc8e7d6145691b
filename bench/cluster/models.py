#!/usr/bin/env python3
"""Cluster model-serving benchmark: predict throughput of one embedded SQLite node and of one and two nodes on one
PostgreSQL (artifacts and deployments shared through the database), the first predict on node B of an endpoint deployed
through node A (B fetches the model from the database), and the delay until a redeploy through A is served by B.

Usage: bench/cluster/models.py [--seconds 10] [--probes 20]   (needs ./lodestar, the Debian postgresql package and wrk)
"""
import argparse, base64, json, os, random, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.error

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import LODESTAR, Postgres, call, start_nodes  # noqa: E402  (the ingest benchmark's harness)

ROW = {"tenure": 7.5, "spend": 81.2, "plan": "basic"}


def write_churn(path, rows, seed):
    rng = random.Random(seed)
    with open(path, "w") as f:
        f.write("tenure,spend,plan,churned\n")
        for _ in range(rows):
            tenure, spend, plan = rng.random() * 48, 20 + rng.random() * 80, rng.choice(["basic", "pro", "team"])
            risk = 1.2 - tenure / 20 + (spend - 60) / 40 + (0.8 if plan == "basic" else 0) + (2.5 if spend > 75 and tenure < 12 else 0) + (rng.random() - 0.5) * 1.5
            f.write(f"{tenure:.2f},{spend:.2f},{plan},{'yes' if risk > 0 else 'no'}\n")


def predict(url, key, endpoint="bench"):
    return call(url + f"/v1/endpoints/{endpoint}/predict", key, "POST", json.dumps({"rows": [ROW]}).encode())["version"]


def bench(label, nodes_count, env, work, csv, lua, seconds, probes):
    key, nodes = start_nodes(label, nodes_count, env, work)
    try:
        a, b = nodes[0].url, nodes[-1].url
        t0 = time.time()
        for algorithm in ("gbdt", "logistic"):
            call(a + "/v1/models/churn/train", key, "POST", json.dumps({"dataPath": csv, "target": "churned", "algorithm": algorithm}).encode())
        train_s = time.time() - t0
        call(a + "/v1/endpoints/bench", key, "PUT", json.dumps({"model": "churn:1"}).encode())
        for node in nodes:
            assert predict(node.url, key) == 1  # warm-up (JIT), outside the timings
        # First request on the last node for an endpoint deployed through node A: on PostgreSQL that node loads the
        # deployment and fetches the model blob from the database; on one node the deploy already loaded it.
        call(a + "/v1/endpoints/cold", key, "PUT", json.dumps({"model": "churn:2"}).encode())
        t0 = time.time()
        assert predict(b, key, "cold") == 2
        cold_ms = (time.time() - t0) * 1000
        env_wrk = dict(os.environ, LODESTAR_BENCH_KEY=key)
        wrks = [subprocess.Popen(["wrk", "-t1", "-c8", f"-d{seconds}s", "--latency", "-s", lua, node.url + "/v1/endpoints/bench/predict"], stdout=subprocess.PIPE, text=True, env=env_wrk) for node in nodes]
        rps, p99s = [], []
        for w in wrks:
            out = w.communicate()[0]
            assert re.search(r"Non-2xx or 3xx responses", out) is None, out
            rps.append(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)))
            p99s.append(re.search(r"\s99%\s+(\S+)", out).group(1))
        delays = []
        if nodes_count > 1:
            version = 1
            for _ in range(probes):
                version = 3 - version
                call(a + "/v1/endpoints/bench", key, "PUT", json.dumps({"model": f"churn:{version}"}).encode())
                t0 = time.time()
                while predict(b, key) != version:
                    time.sleep(0.005)
                delays.append((time.time() - t0) * 1000)
        return {"setup": label, "nodes": nodes_count, "train_two_versions_s": round(train_s, 2), "first_predict_on_last_node_of_endpoint_deployed_on_a_ms": round(cold_ms, 1),
                "predict_rps_per_node": rps, "predict_rps_sum": round(sum(rps), 1), "p99_per_node": p99s,
                "deploy_a_to_b_ms_median": round(statistics.median(delays), 1) if delays else None, "deploy_a_to_b_ms_max": round(max(delays), 1) if delays else None}
    finally:
        for node in nodes:
            node.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--probes", type=int, default=20)
    args = parser.parse_args()
    subprocess.run([LODESTAR, "--help"], capture_output=True, check=True)  # builds once, outside the timings
    work = tempfile.mkdtemp(prefix="lodestar-models-bench-")
    os.chmod(work, 0o755)
    postgres = None
    try:
        csv = os.path.join(work, "churn.csv")
        write_churn(csv, 2000, 5)
        os.chmod(csv, 0o644)
        lua = os.path.join(work, "predict.lua")
        with open(lua, "w") as f:
            f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                    'wrk.headers["Authorization"] = "Bearer " .. os.getenv("LODESTAR_BENCH_KEY")\n'
                    f"wrk.body = '{json.dumps({'rows': [ROW]})}'\n")
        postgres = Postgres(work)
        base = {k: v for k, v in os.environ.items() if not k.startswith("LODESTAR_")}
        base.update({"LODESTAR_EMBEDDINGS": "none", "LODESTAR_AUDIT_KEY": base64.b64encode(os.urandom(32)).decode(),
                     "LODESTAR_RATE_LIMIT_CREDENTIAL": "100000000", "LODESTAR_RATE_LIMIT_TENANT": "100000000"})
        results = [bench("sqlite-1", 1, base, work, csv, lua, args.seconds, args.probes)]
        for n in (1, 2):
            postgres.create_database(f"models{n}")
            env = dict(base, LODESTAR_STORE="postgres", LODESTAR_PG_CONNECTION=postgres.connection(f"models{n}"))
            results.append(bench(f"postgres-{n}", n, env, work, csv, lua, args.seconds, args.probes))
        print(json.dumps({"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cores": os.cpu_count(), "postgres": postgres.version,
                          "wrk": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()[0], "results": results}, indent=2))
    except urllib.error.HTTPError as error:
        sys.exit(f"HTTP {error.code}: {error.read().decode()}")
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
