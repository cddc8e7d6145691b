#!/usr/bin/env python3
"""Cluster benchmark: ingest and query throughput of 1 and 3 Lodestar nodes on one PostgreSQL (plus the embedded
SQLite node as the baseline), and the A->B delay (upload through node A until node B's search returns it).

Usage: bench/cluster/run.py [--dataset DIR] [--seconds 15]   (needs ./lodestar, the Debian postgresql package and wrk)
Everything runs on this machine: a throwaway PostgreSQL cluster in a temp dir, nodes on loopback ports, wrk as load.
"""
import argparse, base64, glob, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.parse, urllib.request, uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LODESTAR = os.path.join(ROOT, "lodestar")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, env=None, user=None):
    if user:
        cmd = ["runuser", "-u", user, "--"] + cmd
    return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, cwd="/tmp").stdout


class Postgres:
    def __init__(self, work):
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.dir = os.path.join(work, "pg")
        os.makedirs(self.dir)
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(work, "postgres")
            shutil.chown(self.dir, "postgres")
        self.port = free_port()
        run([f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "lodestar", "-A", "trust", "--no-sync"], user=self.user)
        # Default durability (fsync on) so the numbers mean what a real deployment would see.
        with open(f"{self.dir}/data/postgresql.conf", "a") as conf:
            conf.write(f"\nport={self.port}\nlisten_addresses='127.0.0.1'\nunix_socket_directories='{self.dir}'\nmax_connections=300\n")
        run([f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "start"], user=self.user)
        self.version = run([f"{self.bin}/postgres", "--version"]).strip()

    def connection(self, database):
        return f"Host=127.0.0.1;Port={self.port};Username=lodestar;Database={database}"

    def create_database(self, name):
        run([f"{self.bin}/psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "lodestar", "-d", "postgres", "-c", f"CREATE DATABASE {name}"])

    def stop(self):
        subprocess.run([f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"] if not self.user else
                       ["runuser", "-u", self.user, "--", f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"], capture_output=True)


class Node:
    def __init__(self, data, env):
        self.log = open(data + ".log", "w")
        self.process = subprocess.Popen([LODESTAR, "--data", data, "serve", "--urls", "http://127.0.0.1:0"], env=env, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        self.url = re.search(r"listening on (\S+)", line).group(1)

    def wait_ready(self):
        for _ in range(600):
            try:
                if urllib.request.urlopen(self.url + "/readyz").status == 200:
                    return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError(self.url + " not ready")

    def stop(self):
        self.process.terminate()
        self.process.wait()


def call(url, key, method="GET", body=None, content_type="application/json"):
    request = urllib.request.Request(url, data=body, method=method, headers={"Authorization": "Bearer " + key, "Content-Type": content_type})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def write_corpus(dataset, target, shards):
    paths = [os.path.join(target, f"shard{i}") for i in range(shards)]
    for path in paths:
        os.makedirs(path)
    count = 0
    for i, line in enumerate(open(os.path.join(dataset, "corpus.jsonl"), encoding="utf-8")):
        doc = json.loads(line)
        with open(os.path.join(paths[i % shards], doc["_id"] + ".md"), "w", encoding="utf-8") as f:
            f.write(f"# {doc['title']}\n\n{doc['text']}\n")
        count += 1
    return paths, count


def upload(url, key, name, text):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/markdown\r\n\r\n{text}\r\n--{boundary}--\r\n").encode()
    return call(url + "/v1/knowledge-bases/bench/documents", key, "POST", body, f"multipart/form-data; boundary={boundary}")


def start_nodes(label, nodes_count, env, work):
    """A curator's API key and the started nodes (stopped by the caller)."""
    # Node 0's data directory: on SQLite it is the store; on PostgreSQL any directory would do.
    admin = os.path.join(work, f"{label}-node0")
    run([LODESTAR, "--data", admin, "users", "add", "bench", "--roles", "curator,member"], env)
    key = json.loads(run([LODESTAR, "--data", admin, "--json", "keys", "create", "--user", "bench"], env))["key"]
    nodes = [Node(os.path.join(work, f"{label}-node{i}"), env) for i in range(nodes_count)]
    try:
        for node in nodes:
            node.wait_ready()
    except Exception:
        for node in nodes:
            node.stop()
        raise
    return key, nodes


def bench(label, nodes_count, env, work, shards, files, queries_lua, seconds):
    key, nodes = start_nodes(label, nodes_count, env, work)
    try:
        start = time.time()
        jobs = [call(nodes[i % len(nodes)].url + "/v1/knowledge-bases/bench/ingest-jobs", key, "POST", json.dumps({"path": shard}).encode())["id"] for i, shard in enumerate(shards)]
        while True:
            states = [call(nodes[0].url + "/v1/jobs/" + job, key)["state"] for job in jobs]
            if all(s in ("succeeded", "failed") for s in states):
                break
            time.sleep(0.2)
        ingest_seconds = time.time() - start
        assert all(s == "succeeded" for s in states), states
        # Every node catches up before the query run, so the load measures search, not replay.
        for node in nodes:
            call(node.url + "/v1/knowledge-bases/bench/search?q=warmup&k=1", key)
        delays = []
        if len(nodes) > 1:
            for i in range(20):
                token = f"zqx{uuid.uuid4().hex[:10]}"
                upload(nodes[0].url, key, f"probe{i}.md", f"# Probe {i}\n\nUnique marker {token}.\n")
                t0 = time.time()
                while not call(nodes[1].url + f"/v1/knowledge-bases/bench/search?q={token}&k=1", key)["results"]:
                    time.sleep(0.005)
                delays.append((time.time() - t0) * 1000)
        wrks = [subprocess.Popen(["wrk", "-t1", "-c8", f"-d{seconds}s", "-s", queries_lua, "-H", "Authorization: Bearer " + key, node.url], stdout=subprocess.PIPE, text=True) for node in nodes]
        rps, latencies = 0.0, []
        for w in wrks:
            out = w.communicate()[0]
            rps += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            latencies.append(re.search(r"Latency\s+(\S+)", out).group(1))
            non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            assert non2xx is None, out
        return {"setup": label, "nodes": len(nodes), "files": files, "ingest_s": round(ingest_seconds, 1), "ingest_files_per_s": round(files / ingest_seconds, 1),
                "query_rps": round(rps, 1), "query_mean_latency_per_node": latencies,
                "a_to_b_ms_median": round(statistics.median(delays), 1) if delays else None, "a_to_b_ms_max": round(max(delays), 1) if delays else None}
    finally:
        for node in nodes:
            node.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", default=os.path.join(ROOT, "..", "shared", "datasets", "scifact"))
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    subprocess.run([LODESTAR, "--help"], capture_output=True, check=True)  # builds once, outside the timings
    work = tempfile.mkdtemp(prefix="lodestar-cluster-bench-")
    os.chmod(work, 0o755)
    postgres = None
    try:
        shards, files = write_corpus(args.dataset, os.path.join(work, "corpus"), 6)
        queries = [json.loads(line)["text"] for line in open(os.path.join(args.dataset, "queries.jsonl"), encoding="utf-8")][:200]
        lua = os.path.join(work, "queries.lua")
        with open(lua, "w") as f:
            paths = ", ".join('"/v1/knowledge-bases/bench/search?k=10&q=' + urllib.parse.quote(q) + '"' for q in queries)
            f.write(f"local paths = {{{paths}}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
        postgres = Postgres(work)
        base = {k: v for k, v in os.environ.items() if not k.startswith("LODESTAR_")}
        base.update({"LODESTAR_EMBEDDINGS": "none", "LODESTAR_AUDIT_KEY": base64.b64encode(os.urandom(32)).decode(), "LODESTAR_JOB_POLL_SECONDS": "0.2"})
        results = [bench("sqlite-1", 1, base, work, shards, files, lua, args.seconds)]
        for n in (1, 3):
            postgres.create_database(f"bench{n}")
            env = dict(base, LODESTAR_STORE="postgres", LODESTAR_PG_CONNECTION=postgres.connection(f"bench{n}"))
            results.append(bench(f"postgres-{n}", n, env, work, shards, files, lua, args.seconds))
        print(json.dumps({"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cores": os.cpu_count(), "postgres": postgres.version,
                          "wrk": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()[0], "results": results}, indent=2))
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
