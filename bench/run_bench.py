"""National-scale benchmark (issue 5). Run on demand, not in CI:

    .venv/bin/python bench/run_bench.py [--requests 200] [--concurrency 8] [--keep]

It creates a scratch PostgreSQL database on 127.0.0.1 (user postgres), migrates
it, loads `portal seed-scale`, starts the portal under gunicorn, signs in as a
facilitator, a partner, an affiliate leader and a national approver, and
measures each page (median and p95 latency, requests per second), next to the
ceilings: a bare route in the same server (/healthz) and the bare SQL that
computes the matrix cells (plus a plain Jinja loop over the same cells). It
also counts the SQL queries each page issues (in-process, same database).
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER = "postgresql://postgres@127.0.0.1:5432"
PASSWORD = "bench-password-2026"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def scratch_database(keep: bool):
    name = f"portal_bench_{os.getpid()}"
    with psycopg.connect(f"{SERVER}/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", name
    finally:
        if not keep:
            with psycopg.connect(f"{SERVER}/test", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flask(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout


def personas(dbname: str) -> dict:
    """Pick who signs in, give them a benchmark password, and find the pages' ids."""
    from werkzeug.security import generate_password_hash
    hashed = generate_password_hash(PASSWORD)
    with psycopg.connect(f"{SERVER}/{dbname}", autocommit=True) as conn:
        table_id, facilitator = conn.execute(
            "SELECT t.id, f.user_id FROM coalition_tables t JOIN table_facilitators f ON f.table_id = t.id "
            "WHERE t.level = 'federal'").fetchone()
        partner = conn.execute(
            "SELECT m.user_id FROM memberships m JOIN organizations o ON o.id = m.organization_id "
            "JOIN table_partners p ON p.national_id = o.national_id AND p.table_id = %s "
            "WHERE o.kind = 'state' AND m.role = 'leader' ORDER BY m.user_id LIMIT 1", (table_id,)).fetchone()[0]
        leader = conn.execute(
            "SELECT m.user_id FROM memberships m JOIN organizations o ON o.id = m.organization_id "
            "JOIN declarations d ON d.organization_id = o.id WHERE o.kind = 'local' AND m.role = 'leader' "
            "GROUP BY m.user_id ORDER BY count(*) DESC, m.user_id LIMIT 1").fetchone()[0]
        approver = conn.execute(
            "SELECT m.user_id FROM memberships m JOIN organizations o ON o.id = m.organization_id "
            "JOIN declarations d ON d.national_id = o.id JOIN declaration_revisions r ON r.declaration_id = d.id "
            "WHERE o.kind = 'national' AND m.role = 'approver' AND r.status = 'pending' "
            "GROUP BY m.user_id ORDER BY count(*) DESC, m.user_id LIMIT 1").fetchone()[0]
        state = conn.execute("SELECT state_code FROM races WHERE table_id = %s GROUP BY state_code "
                             "ORDER BY count(*) DESC LIMIT 1 OFFSET 5", (table_id,)).fetchone()[0]
        ids = {"facilitator": facilitator, "partner": partner, "leader": leader, "approver": approver}
        emails = {}
        for role, user_id in ids.items():
            conn.execute("UPDATE users SET password_hash = %s WHERE id = %s", (hashed, user_id))
            emails[role] = conn.execute("SELECT email FROM users WHERE id = %s", (user_id,)).fetchone()[0]
    return {"table_id": table_id, "state": state, "emails": emails}


def sign_in(base: str, email: str) -> requests.Session:
    session = requests.Session()
    token = CSRF.search(session.get(f"{base}/sign-in").text).group(1)
    response = session.post(f"{base}/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token},
                            allow_redirects=False)
    assert response.status_code == 302, f"sign-in of {email} failed: {response.status_code}"
    return session


def measure(session: requests.Session, url: str, total: int, concurrency: int) -> dict:
    session.get(url)  # warm up
    latencies: list[float] = []

    def one(_):
        started = time.perf_counter()
        response = session.get(url)
        latencies.append(time.perf_counter() - started)
        return response.status_code

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        statuses = list(pool.map(one, range(total)))
    wall = time.perf_counter() - began
    bad = [s for s in statuses if s != 200]
    assert not bad, f"{url}: non-200 answers {set(bad)}"
    latencies.sort()
    # One at a time as well: the ceilings (bare SQL, a plain Jinja loop) are single
    # runs on an idle machine, so the page is held to them alone, not queued behind 7 others.
    alone = []
    for _ in range(max(10, total // 10)):
        started = time.perf_counter()
        session.get(url)
        alone.append(time.perf_counter() - started)
    return {"median_ms": statistics.median(latencies) * 1000,
            "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000, "rps": total / wall,
            "alone_ms": statistics.median(alone) * 1000}


@contextmanager
def gunicorn(env: dict, port: int, workers: int):
    process = subprocess.Popen([str(BIN / "gunicorn"), "-w", str(workers), "--threads", "4", "-b",
                                f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def in_process_figures(url: str, info: dict) -> dict:
    """Query counts per page, and the ceilings: the bare SQL of the matrix and a
    plain Jinja loop over the same cells."""
    from flask import render_template_string
    from sqlalchemy import event, select

    from portal import create_app
    from portal.auth.models import User
    from portal.db import db
    from portal.facilitator.matrix import coalition_matrix
    from portal.tables.models import CoalitionTable

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "b" * 48})
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute")
    def _count(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    # Requests run with no application context pushed, each with its own, as in production.
    client_pages = {}
    for role, paths in (("facilitator", [f"/tables/{info['table_id']}/matrix",
                                          f"/tables/{info['table_id']}/matrix?state={info['state']}"]),
                        ("partner", [f"/tables/{info['table_id']}/matrix"]), ("leader", ["/"]),
                        ("approver", ["/approvals"])):
        client = app.test_client()
        token = CSRF.search(client.get("/sign-in").get_data(as_text=True)).group(1)
        client.post("/sign-in", data={"email": info["emails"][role], "password": PASSWORD, "csrf_token": token})
        for path in paths:
            client.get(path)  # warm caches
            statements.clear()
            assert client.get(path).status_code == 200, path
            client_pages[(role, path)] = len(statements)
    with app.app_context():
        facilitator = db.session.scalar(select(User).where(User.email == info["emails"]["facilitator"]))
        table = db.session.get(CoalitionTable, info["table_id"])
        coalition_matrix(facilitator, table)  # warm
        statements.clear()
        started = time.perf_counter()
        matrix = coalition_matrix(facilitator, table)
        matrix_seconds = time.perf_counter() - started
        captured = list(statements)
        # The bare SQL: the same statements, re-run raw on a DBAPI connection.
        raw = engine.raw_connection()
        sql_times = []
        try:
            for _ in range(10):
                started = time.perf_counter()
                for stmt, parameters in captured:
                    cursor = raw.cursor()
                    cursor.execute(stmt, parameters)
                    cursor.fetchall()
                sql_times.append(time.perf_counter() - started)
        finally:
            raw.close()
        with app.test_request_context():
            started = time.perf_counter()
            render_template_string("{% for group in m.groups %}{% for row in group.rows %}{% for cell in row.cells %}"
                                   "{{ cell }}{% endfor %}{% endfor %}{% endfor %}", m=matrix)
            loop_seconds = time.perf_counter() - started
    return {"queries": client_pages, "bare_sql_ms": statistics.median(sql_times) * 1000,
            "matrix_function_ms": matrix_seconds * 1000, "jinja_loop_ms": loop_seconds * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    with scratch_database(args.keep) as (url, dbname):
        env = {**os.environ, "PORTAL_DATABASE_URL": url, "PORTAL_SECRET_KEY": secrets.token_urlsafe(48)}
        flask(env, "portal", "db", "upgrade")
        began = time.perf_counter()
        flask(env, "portal", "seed-scale")
        print(f"seed-scale: {time.perf_counter() - began:.1f} s")
        info = personas(dbname)
        figures = in_process_figures(url, info)
        port = free_port()
        with gunicorn(env, port, args.workers) as base:
            sessions = {role: sign_in(base, email) for role, email in info["emails"].items()}
            t = info["table_id"]
            pages = [
                ("hello (/healthz)", requests.Session(), "/healthz", None),
                ("facilitator matrix, whole federal table", sessions["facilitator"], f"/tables/{t}/matrix",
                 ("facilitator", f"/tables/{t}/matrix")),
                (f"facilitator matrix, filtered to {info['state']}", sessions["facilitator"],
                 f"/tables/{t}/matrix?state={info['state']}",
                 ("facilitator", f"/tables/{t}/matrix?state={info['state']}")),
                ("partner matrix", sessions["partner"], f"/tables/{t}/matrix", ("partner", f"/tables/{t}/matrix")),
                ("affiliate home page", sessions["leader"], "/", ("leader", "/")),
                ("approval queue", sessions["approver"], "/approvals", ("approver", "/approvals")),
            ]
            results = [(label, measure(s, base + path, args.requests, args.concurrency), key)
                       for label, s, path, key in pages]
    hello_rps = results[0][1]["rps"]
    ceiling_ms = figures["bare_sql_ms"] + figures["jinja_loop_ms"]
    print(f"\nmachine: {os.cpu_count()} cores; gunicorn {args.workers} workers x 4 threads; {args.requests} requests "
          f"per page at concurrency {args.concurrency}; PostgreSQL at 127.0.0.1")
    print(f"bare SQL of the matrix cells: {figures['bare_sql_ms']:.1f} ms; plain Jinja loop over its cells: "
          f"{figures['jinja_loop_ms']:.1f} ms; coalition_matrix() in-process: {figures['matrix_function_ms']:.1f} ms\n")
    print("| page | median ms | p95 ms | req/s | SQL queries | ÷ hello (req/s) | alone ms | "
          "alone ÷ bare SQL+loop |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, r, key in results:
        queries = figures["queries"].get(key, 0) if key else 0
        print(f"| {label} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['rps']:.1f} | {queries} | "
              f"{r['rps'] / hello_rps:.2f} | {r['alone_ms']:.1f} | {r['alone_ms'] / ceiling_ms:.1f} |")


if __name__ == "__main__":
    main()
