"""The benchmark harness behind ``bench/run``: measures Briefing and writes BENCHMARKS.md.

Everything runs in a temporary folder (generated corpora, stores, reports, a throw-away
``briefing.toml``); the repository's own ``.briefing`` store and ``reports/`` are never touched.
Commands are timed as a user runs them (a fresh ``brief`` process each time), memory is the
peak proportional set size (PSS) summed over the command's whole process tree, sampled from
/proc, so forked workers' shared pages are not counted twice.

Features that do not exist yet (``brief build``, ``brief build --all``, the date tagger) are
detected at run time and recorded as "not available"; the same command picks them up later.

    $ bench/run              # full run: 1k and 10k documents (several minutes)
    $ bench/run --quick      # smoke run: 100 and 300 documents
    >>> median([3.0, 1.0, 2.0])
    2.0
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/generate.py, next to this file)

NA = "not available"


def median(xs: Sequence[float]) -> float:
    return float(statistics.median(xs))


# --------------------------------------------------------------------------------------------
# Running and measuring one command.


@dataclass
class Run:
    cmd: list[str]
    wall: float
    rc: int
    stdout: str
    stderr: str
    peak_pss_mb: float | None  # summed over the process tree
    peak_rss_mb: float | None  # largest single process
    timed_out: bool = False


def _children() -> dict[int, list[int]]:
    """ppid -> pids, from /proc (Linux); empty elsewhere."""
    tree: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return tree
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: fields start after the last ')'.
        rest = stat[stat.rfind(b")") + 2:].split()
        if len(rest) > 1:
            tree.setdefault(int(rest[1]), []).append(int(name))
    return tree


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB, 0s if it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith(b"Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


class MemorySampler(threading.Thread):
    """Samples a process tree's memory every ``interval`` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss = self.peak_rss = 0
        self.ok = os.path.exists(f"/proc/{pid}/smaps_rollup")
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            tree = _children()
            pids, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo.extend(tree.get(p, []))
            pss_total = 0
            for p in pids:
                pss, rss = _memory_kb(p)
                pss_total += pss
                self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss_total)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def run(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None, memory: bool = False,
        check: bool = False, timeout: float | None = None) -> Run:
    """Run ``cmd`` in its own process group; past ``timeout`` seconds the whole group is killed."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    sampler = MemorySampler(proc.pid) if memory else None
    if sampler and sampler.ok:
        sampler.start()
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, nothing else
        out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if sampler and sampler.ok:
        sampler.stop()
    r = Run(list(cmd), wall, proc.returncode, out, err,
            sampler.peak_pss / 1024 if sampler and sampler.ok else None,
            sampler.peak_rss / 1024 if sampler and sampler.ok else None, timed_out)
    if check and r.rc != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {r.rc}:\n{err[-2000:]}")
    return r


# --------------------------------------------------------------------------------------------
# The report.


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    verdict: str = ""  # "ok", "MISSED", "" (no target), NA
    note: str = ""


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def add(self, what: str, value: str, target: str = "", ok: bool | None = None, note: str = "") -> None:
        verdict = "" if ok is None else ("ok" if ok else "**missed**")
        if value == NA:
            verdict = "—"
        self.rows.append(Row(what, value, target, verdict, note))


def fmt_s(x: float | None) -> str:
    return NA if x is None else (f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s")


def fmt_mb(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0f} MB"


# --------------------------------------------------------------------------------------------
# The benchmarks.


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.brief = self._find_brief()
        self.python = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() \
            else sys.executable
        # Commands run in the scratch folder, so neither the repo's briefing.toml nor its default
        # store (.briefing/corpus.db, relative to the working folder) can be picked up; every
        # command also names its store. BRIEFING_STORE is dropped: a subcommand's --store reads
        # it and would override the global --store we pass.
        self.env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        self.env.pop("BRIEFING_CONFIG", None)
        self.env.pop("BRIEFING_STORE", None)
        self.sections: list[Section] = []
        self.raw: dict[str, Any] = {}
        self.corpora: dict[int, tuple[Path, generate.CorpusInfo]] = {}
        self.stores: dict[int, Path] = {}

    @staticmethod
    def _find_brief() -> str:
        local = ROOT / ".venv" / "bin" / "brief"
        if local.exists():
            return str(local)
        found = shutil.which("brief")
        if not found:
            sys.exit("bench/run: no `brief` command (run `make setup` first)")
        return found

    def log(self, msg: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    def brief_cmd(self, *args: str, store: Path | None = None) -> list[str]:
        cmd = [self.brief, "--quiet"]
        if store is not None:
            cmd += ["--store", str(store)]
        return cmd + list(args)

    def repeat(self, n: int, fn: Callable[[], Run]) -> list[Run]:
        return [fn() for _ in range(n)]

    # -- help --------------------------------------------------------------------------------
    def bench_help(self) -> None:
        sec = Section("Start-up")
        self.log("brief --help")
        run([self.brief, "--help"], self.work, self.env, check=True)  # warm the OS file cache
        runs = self.repeat(self.args.help_runs, lambda: run([self.brief, "--help"], self.work, self.env, check=True))
        walls = [r.wall for r in runs]
        m = median(walls)
        sec.add("`brief --help` wall time", fmt_s(m), "≤ 0.25 s", m <= 0.25,
                f"median of {len(walls)} runs (min {fmt_s(min(walls))}, max {fmt_s(max(walls))})")
        self.raw["help"] = walls
        r = run([self.python, "-X", "importtime", "-c", "import briefing.cli"], self.work, self.env)
        heavy = _importtime_top(r.stderr, 5)
        if heavy:
            sec.text.append("Slowest imports behind `import briefing.cli` (`python -X importtime`, "
                            "cumulative): " + ", ".join(f"`{name}` {us / 1000:.0f} ms" for name, us in heavy) + ".")
        self.sections.append(sec)

    # -- corpora -------------------------------------------------------------------------------
    def corpus(self, docs: int) -> tuple[Path, generate.CorpusInfo]:
        """The generated corpus of ``docs`` articles (reused from --work when it is there)."""
        if docs not in self.corpora:
            out = self.work / f"corpus-{docs}"
            meta = out / ".info.json"  # a dot file: ingest skips it
            if meta.exists() and json.loads(meta.read_text())["seed"] == self.args.seed:
                saved = json.loads(meta.read_text())
                info = generate.CorpusInfo(saved["docs"], saved["files"], saved["bytes"], saved["by_format"])
            else:
                shutil.rmtree(out, ignore_errors=True)
                t0 = time.perf_counter()
                info = generate.write_corpus(out, docs, seed=self.args.seed)
                self.raw.setdefault("generate", {})[docs] = time.perf_counter() - t0
                self.log(f"generated {docs} articles ({info.bytes / 1e6:.1f} MB) in "
                         f"{time.perf_counter() - t0:.1f}s")
                meta.write_text(json.dumps({"seed": self.args.seed, "added": 0, **info.__dict__}))
            self.corpora[docs] = (out, info)
        return self.corpora[docs]

    def add_article(self, docs: int) -> None:
        """Write "the next" article of a corpus (after any added by earlier runs on this --work)."""
        path, _info = self.corpus(docs)
        meta = path / ".info.json"
        saved = json.loads(meta.read_text())
        generate.write_corpus(path, 1, seed=self.args.seed, start=docs + saved["added"])
        saved["added"] += 1
        meta.write_text(json.dumps(saved))

    # -- ingest + extract -------------------------------------------------------------------------
    def bench_ingest(self) -> None:
        sec = Section("Ingest + extract")
        sec.text.append(
            "`brief ingest CORPUS --jobs N` into a fresh store: reading, cleaning, metadata, all "
            "extractors, SQLite writes and the corpus-level person merge, as one user command. "
            "Memory is the peak PSS summed over the process tree (main process + workers). "
            f"Corpus: `bench/generate.py --seed {self.args.seed}` (≈88% .txt, 10% .jsonl, 2% .html).")
        table = ["| documents | MB | jobs | wall (median) | docs/s | MB/s | peak memory (tree PSS) | "
                 "largest process RSS | runs |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        results: dict[tuple[int, int], dict[str, Any]] = {}
        for docs in self.args.sizes:
            path, info = self.corpus(docs)
            repeat = self.args.repeat_large if docs >= 5000 else self.args.repeat
            for jobs in self.args.jobs:
                runs = []
                for i in range(repeat):
                    store = self.work / f"store-{docs}-{jobs}-{i}.db"
                    self.log(f"ingest {docs} docs, --jobs {jobs} (run {i + 1}/{repeat})")
                    r = run(self.brief_cmd("ingest", str(path), "--jobs", str(jobs), "--json", store=store),
                            self.work, self.env, memory=True)
                    report = _json_tail(r.stdout)
                    if r.rc not in (0,) or not report or report.get("new") != info.docs:
                        failed = report.get("failed") if report else "?"
                        self.log(f"  exit {r.rc}, report {report and {k: report[k] for k in ('new', 'failed')}}")
                        sec.text.append(f"⚠ `ingest` of {docs} docs with --jobs {jobs} exited {r.rc} "
                                        f"({failed} failed): report {report}, {r.stderr.strip()[-500:]}")
                    runs.append(r)
                    # Keep one populated store per size for the build / incremental benchmarks.
                    if jobs == max(self.args.jobs) and docs not in self.stores:
                        self.stores[docs] = store
                    elif store != self.stores.get(docs):
                        store.unlink(missing_ok=True)
                walls = [r.wall for r in runs]
                m = median(walls)
                pss = max((r.peak_pss_mb or 0) for r in runs) or None
                rss = max((r.peak_rss_mb or 0) for r in runs) or None
                results[(docs, jobs)] = {"wall": walls, "pss_mb": pss, "rss_mb": rss,
                                         "mb": info.bytes / 1e6}
                table.append(f"| {docs:,} | {info.bytes / 1e6:.1f} | {jobs} | {fmt_s(m)} | {docs / m:,.0f} | "
                             f"{info.bytes / 1e6 / m:.2f} | {fmt_mb(pss)} | {fmt_mb(rss)} | {len(walls)} |")
        sec.text.append("\n".join(table))
        self.raw["ingest"] = {f"{d}x{j}": v for (d, j), v in results.items()}

        big = max(self.args.sizes)
        two = 2 if 2 in self.args.jobs else max(self.args.jobs)
        if (big, two) in results:
            m = median(results[(big, two)]["wall"])
            scaled = m * 10_000 / big
            sec.add(f"ingest + extract of {big:,} docs, --jobs {two}", fmt_s(m),
                    "10k in ≤ 30 s on 2 cores", scaled <= 30,
                    "" if big == 10_000 else f"{fmt_s(scaled)} scaled to 10k")
            pss = results[(big, two)]["pss_mb"]
            if pss is not None:
                sec.add(f"peak memory at {big:,} docs (tree PSS)", fmt_mb(pss), "≤ 300 MB at 10k", pss <= 300)
            small = min(self.args.sizes)
            if small != big and results.get((small, two), {}).get("pss_mb") and pss:
                growth = pss / results[(small, two)]["pss_mb"]
                sec.add(f"memory growth {small:,} → {big:,} docs", f"×{growth:.2f}", "flat (≈ ×1)",
                        growth <= 1.25)
        if (big, 1) in results and (big, two) in results and two != 1:
            speedup = median(results[(big, 1)]["wall"]) / median(results[(big, two)]["wall"])
            sec.add(f"speed-up --jobs 1 → {two} at {big:,} docs", f"×{speedup:.2f}", f"≈ ×{two}", None)
        self.sections.append(sec)

    # -- date tagger ---------------------------------------------------------------------------
    def bench_dates(self) -> None:
        sec = Section("Date tagger")
        own = BENCH / "bench_dates.py"
        if own.exists():
            self.log("bench/bench_dates.py")
            r = run([self.python, str(own)], ROOT, self.env)
            if r.rc == 0 and r.stdout.strip():
                sec.text.append("Output of `bench/bench_dates.py` (the tagger's own benchmark):\n\n```\n"
                                + r.stdout.strip() + "\n```")
            else:
                sec.text.append(f"`bench/bench_dates.py` exited {r.rc}: {r.stderr.strip()[-300:]}")
        self.log("date tagger vs dateparser.search_dates")
        path, _info = self.corpus(min(self.args.sizes))
        r = run([self.python, str(Path(__file__)), "--_dates", str(path), "--_dates-docs",
                 str(self.args.dates_docs)], ROOT, self.env)
        res = _json_tail(r.stdout)
        if r.rc != 0 or not res:
            sec.add("tagger throughput", NA, "≥ 2 MB/s on one core", None, r.stderr.strip()[-300:])
            self.sections.append(sec)
            return
        self.raw["dates"] = res
        note = (f"{res['docs']} generated articles, {res['tag_bytes'] / 1e6:.2f} MB of cleaned text, "
                f"{res['tag_found']:,} expressions found")
        if res["tag_found"] == 0:
            note += " — the tagger found nothing: still a stub?"
        sec.add("`briefing.extract.dates.tag` throughput", f"{res['tag_mbs']:.2f} MB/s", "≥ 2 MB/s on one core",
                res["tag_mbs"] >= 2 and res["tag_found"] > 0, note)
        if res.get("dp_mbs"):
            sec.add("`dateparser.search_dates` throughput", f"{res['dp_mbs']:.3f} MB/s", "", None,
                    f"dateparser {res['dp_version']}, languages=['en'], same articles "
                    f"({res['dp_bytes'] / 1e3:.0f} kB), {res['dp_found']:,} expressions found")
            sec.add("tagger ÷ dateparser speed", f"×{res['tag_mbs'] / res['dp_mbs']:.0f}", "", None)
        else:
            sec.add("`dateparser.search_dates` throughput", NA, "", None, res.get("dp_error", ""))
        self.sections.append(sec)

    # -- builds --------------------------------------------------------------------------------
    def build_help(self) -> str | None:
        r = run([self.brief, "build", "--help"], self.work, self.env)
        return r.stdout if r.rc == 0 else None

    def seeds_store(self) -> Path:
        store = self.work / "store-seeds.db"
        if not store.exists():
            run(self.brief_cmd("ingest", str(ROOT / "seeds"), "--jobs", "1", store=store), self.work, self.env,
                check=True)
        return store

    def bench_build(self) -> None:
        sec = Section("Building the default brief")
        spec = ROOT / "briefs" / "default.yaml"
        help_text = self.build_help()
        if help_text is None or not spec.exists():
            why = "`brief build` does not exist yet" if help_text is None else "briefs/default.yaml does not exist yet"
            for what in ("Markdown", "HTML", "PDF", "PDF ÷ bare WeasyPrint"):
                sec.add(what, NA, "≤ 1.15" if "÷" in what else "", None, why)
            self.sections.append(sec)
            return
        formats = _build_formats(help_text)
        stores = [("seeds", self.seeds_store())]
        big = max(self.args.sizes)
        if big in self.stores:
            stores.append((f"{big:,} docs", self.stores[big]))
        final_html: Path | None = None
        pdf_wall: float | None = None
        for label, store in stores:
            timed_out = False
            for fmt_label, fmt_args in formats:
                if timed_out:  # every format selects the same facts first: it would time out too
                    sec.add(f"{fmt_label} ({label})", "not measured", "", None, "an earlier format timed out")
                    continue
                out = self.work / f"reports-{label.split()[0]}-{fmt_label}"
                runs = []
                for _ in range(self.args.build_runs):
                    shutil.rmtree(out, ignore_errors=True)
                    self.log(f"build default brief ({label}, {fmt_label})")
                    r = run(self.brief_cmd("build", str(spec), "--out", str(out), *fmt_args, store=store),
                            self.work, self.env, memory=True, timeout=self.args.timeout)
                    runs.append(r)
                    if r.rc != 0:
                        break
                if runs[-1].timed_out:
                    r = runs[-1]
                    sec.add(f"{fmt_label} ({label})", f"> {self.args.timeout:g} s", "", False,
                            f"stopped after {self.args.timeout:g} s (--timeout); peak memory by then "
                            f"{fmt_mb(r.peak_pss_mb)}")
                    self.raw.setdefault("build", {})[f"{label}/{fmt_label}"] = "timeout"
                    timed_out = True
                    continue
                if runs[-1].rc != 0:
                    sec.add(f"{fmt_label} ({label})", "failed", "", False,
                            f"exit {runs[-1].rc}: " + " ".join(runs[-1].stderr.strip().splitlines()[-2:]))
                    continue
                m = median([r.wall for r in runs])
                sec.add(f"{fmt_label} ({label})", fmt_s(m), "", None,
                        f"median of {len(runs)}, peak memory {fmt_mb(max(r.peak_pss_mb or 0 for r in runs))}")
                self.raw.setdefault("build", {})[f"{label}/{fmt_label}"] = [r.wall for r in runs]
                if label == "seeds":
                    htmls = sorted(out.rglob("*.html"))
                    if htmls:
                        final_html = htmls[0]
                    if fmt_label in ("PDF", "all formats"):
                        pdf_wall = m
        if final_html is not None and pdf_wall is not None:
            # The ratio compares like with like: both commands unsampled (the memory sampler reads
            # /proc of every process in the tree 20 times a second, and the build has two), run
            # alternately so that drift in the machine's load hits both.
            pdf_args = dict(formats).get("PDF", dict(formats).get("all formats", ()))
            builds, bares = [], []
            for _ in range(self.args.build_runs):
                out = self.work / "reports-ratio"
                shutil.rmtree(out, ignore_errors=True)
                self.log("PDF build and bare WeasyPrint, alternately (seeds)")
                r = run(self.brief_cmd("build", str(spec), "--out", str(out), *pdf_args, store=self.seeds_store()),
                        self.work, self.env, timeout=self.args.timeout)
                bare_run = self.bare_weasyprint(final_html, runs=1)
                if r.rc != 0 or not bare_run:
                    break
                builds.append(r.wall)
                bares.append(bare_run)
            if bares:
                bare, build_wall = median(bares), median(builds)
                ratio = build_wall / bare
                sec.add("PDF build (seeds), without memory sampling", fmt_s(build_wall), "", None,
                        f"median of {len(builds)}, alternating with the bare runs")
                sec.add("bare WeasyPrint on the same final HTML (seeds)", fmt_s(bare), "", None,
                        "`python -c 'weasyprint.HTML(filename=…).write_pdf(…)'`, fresh process, median of "
                        f"{len(bares)}")
                sec.add("PDF build ÷ bare WeasyPrint", f"{ratio:.2f}", "≤ 1.15", ratio <= 1.15,
                        "" if formats[-1][0] == "PDF" else "build renders every format at once: ratio is an upper bound")
        else:
            sec.add("PDF build ÷ bare WeasyPrint", NA, "≤ 1.15", None, "no HTML or PDF output found")
        self.sections.append(sec)

    def bare_weasyprint(self, html: Path, runs: int | None = None) -> float | None:
        code = "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"
        walls = []
        for _ in range(runs or self.args.build_runs):
            r = run([self.python, "-c", code, str(html), str(self.work / "bare.pdf")], self.work, self.env)
            if r.rc != 0:
                return None
            walls.append(r.wall)
        return median(walls)

    # -- scheduled builds and incremental updates ------------------------------------------------
    def bench_incremental(self) -> None:
        sec = Section("Scheduled builds and incremental updates")
        help_text = self.build_help()
        has_all = help_text is not None and "--all" in help_text and (ROOT / "briefs" / "default.yaml").exists()
        sizes = sorted(self.stores)
        add_one: dict[int, float] = {}
        for docs in sizes:
            corpus_path, _info = self.corpus(docs)
            store = self.stores[docs]
            project = self.work / f"project-{docs}"
            project.mkdir(exist_ok=True)
            config = project / "briefing.toml"
            config.write_text(
                f"corpus = [{json.dumps(str(corpus_path))}]\nstore = {json.dumps(str(store))}\n"
                f"briefs = [{json.dumps(str(ROOT / 'briefs' / 'default.yaml'))}]\n"
                f"output = {json.dumps(str(project / 'reports'))}\n", encoding="utf-8")
            cfg = ["--config", str(config)]
            noop: float | None = None
            if has_all:
                self.log(f"build --all, first build at {docs} docs")
                first = run([self.brief, "--quiet", *cfg, "build", "--all"], project, self.env,
                            timeout=self.args.timeout)
                if first.timed_out:
                    sec.add(f"first `brief build --all` at {docs:,} docs", f"> {self.args.timeout:g} s", "", False,
                            f"stopped after {self.args.timeout:g} s (--timeout)")
                    sec.add(f"no-op `brief build --all` at {docs:,} docs", "not measured", "≤ 0.5 s", None,
                            "the first build did not finish")
                elif first.rc != 0:
                    sec.add(f"`brief build --all` at {docs:,} docs", "failed", "", False,
                            f"exit {first.rc}: " + " ".join(first.stderr.strip().splitlines()[-2:]))
                else:
                    sec.add(f"first `brief build --all` at {docs:,} docs", fmt_s(first.wall), "", None)
                    runs = [run([self.brief, "--quiet", *cfg, "build", "--all"], project, self.env)
                            for _ in range(self.args.help_runs)]
                    noop = median([r.wall for r in runs])
                    self.raw.setdefault("noop", {})[docs] = [r.wall for r in runs]
                    sec.add(f"no-op `brief build --all` at {docs:,} docs", fmt_s(noop), "≤ 0.5 s", noop <= 0.5,
                            f"median of {len(runs)}")
            else:
                sec.add(f"no-op `brief build --all` at {docs:,} docs", NA, "≤ 0.5 s", None,
                        "`brief build --all` does not exist yet")

            # One new article: re-scan + ingest it (+ rebuild the brief when builds exist).
            ingest_walls, build_walls, build_timeouts = [], [], 0
            for k in range(self.args.add_runs):
                self.add_article(docs)
                self.log(f"add one article to {docs} docs (run {k + 1}/{self.args.add_runs})")
                r = run(self.brief_cmd("ingest", str(corpus_path), "--jobs", str(max(self.args.jobs)), "--json",
                                       store=store), self.work, self.env, timeout=self.args.timeout)
                rep = _json_tail(r.stdout) or {}
                if r.rc != 0 or rep.get("new", 0) + rep.get("changed", 0) < 1:
                    sec.text.append(f"⚠ re-ingest after adding one article at {docs} docs: exit {r.rc}, {rep}")
                ingest_walls.append(r.wall)
                if has_all:
                    b = run([self.brief, "--quiet", *cfg, "build", "--all"], project, self.env,
                            timeout=self.args.timeout)
                    if b.rc == 0:
                        build_walls.append(b.wall)
                    build_timeouts += b.timed_out
            mi = add_one[docs] = median(ingest_walls)
            sec.add(f"add one article at {docs:,} docs: `brief ingest` (re-scan + ingest 1)", fmt_s(mi), "", None,
                    f"median of {len(ingest_walls)}")
            self.raw.setdefault("add_one_ingest", {})[docs] = ingest_walls
            if build_walls:
                mb = median(build_walls)
                sec.add(f"add one article at {docs:,} docs: then `brief build --all`", fmt_s(mb), "", None,
                        f"median of {len(build_walls)}")
                sec.add(f"add one article at {docs:,} docs: total", fmt_s(mi + mb), "", None)
                self.raw.setdefault("add_one_build", {})[docs] = build_walls
            elif has_all and build_timeouts:
                sec.add(f"add one article at {docs:,} docs: then `brief build --all`", f"> {self.args.timeout:g} s",
                        "", False, f"stopped after {self.args.timeout:g} s (--timeout), {build_timeouts} runs")
            elif has_all:
                sec.add(f"add one article at {docs:,} docs: rebuild", "failed", "", False)
            else:
                sec.add(f"add one article at {docs:,} docs: rebuild", NA, "", None,
                        "`brief build --all` does not exist yet")
        if len(sizes) >= 2:
            a, b = sizes[0], sizes[-1]
            ga = add_one[b] / add_one[a]
            sec.add(f"add-one ingest time growth {a:,} → {b:,} docs", f"×{ga:.2f}", "should not grow with the corpus",
                    ga <= 2, "includes re-reading and hashing every file to find the new one")
        self.sections.append(sec)


# --------------------------------------------------------------------------------------------
# Helpers.


def _json_tail(stdout: str) -> dict[str, Any] | None:
    """The JSON object a command printed (it may be preceded by other lines)."""
    s = stdout.strip()
    i = s.find("{")
    while i != -1:
        try:
            obj = json.loads(s[i:])
            return obj if isinstance(obj, dict) else None
        except json.JSONDecodeError:
            i = s.find("{", i + 1)
    return None


def _importtime_top(stderr: str, n: int) -> list[tuple[str, int]]:
    """Top-level imports by cumulative time from ``python -X importtime`` output."""
    out = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if m and len(m.group(2)) <= 1:
            out.append((m.group(3), int(m.group(1))))
    return sorted(out, key=lambda x: -x[1])[:n]


def _build_formats(help_text: str) -> list[tuple[str, list[str]]]:
    """How to ask `brief build` for one format at a time, from its --help; else everything at once."""
    flat = " ".join(help_text.split())
    m = re.search(r"--(format|formats|to)\b", flat)
    if m:
        opt = f"--{m.group(1)}"
        names = {"Markdown": "md", "HTML": "html", "PDF": "pdf"}
        if re.search(r"\bmarkdown\b", flat, re.I) and not re.search(r"\bmd\b", flat):
            names["Markdown"] = "markdown"
        return [(label, [opt, value]) for label, value in names.items()]
    return [("all formats", [])]


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [f"- CPU: {cpu}, {os.cpu_count()} logical cores ({affinity} usable)",
            f"- RAM: {ram}", f"- OS: {platform.platform()}"]


def versions(python: str) -> str:
    code = (
        "import importlib.metadata as m, sqlite3, sys, json\n"
        "out = {'Python': sys.version.split()[0], 'SQLite': sqlite3.sqlite_version}\n"
        "for p in ['briefing', 'typer', 'rich', 'Jinja2', 'Markdown', 'weasyprint', 'trafilatura', 'dateparser']:\n"
        "    try: out[p] = m.version(p)\n"
        "    except m.PackageNotFoundError: out[p] = 'not installed'\n"
        "print(json.dumps(out))\n")
    r = subprocess.run([python, "-c", code], capture_output=True, text=True)
    try:
        data = json.loads(r.stdout)
    except json.JSONDecodeError:
        return "?"
    return ", ".join(f"{k} {v}" for k, v in data.items())


def git_describe() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
        return head + (" (with uncommitted changes in src/)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "?"


def render(bench: Bench, started: float, python: str) -> str:
    a = bench.args
    lines = ["# Benchmarks", "",
             f"Written by `bench/run{' --quick' if a.quick else ''}` on "
             f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} at commit {git_describe()}, "
             f"in {bench.raw.get('elapsed', time.perf_counter() - started):.0f} s. Figures are medians of several fresh `brief` processes "
             "(the count is given); regenerate with `make bench`.", "",
             "## Machine", "", *machine(), f"- Versions: {versions(python)}"]
    if "load" in bench.raw:
        lines.append("- Load average (1 min) when the steps started: " + ", ".join(
            f"{step} {value:.1f}" for step, value in bench.raw["load"].items())
            + " — above 0 means other processes shared the cores and the figures are pessimistic")
    lines.append("")
    gen = bench.raw.get("generate", {})
    if gen:
        lines += ["Corpus generator (`bench/generate.py`): " + ", ".join(
            f"{int(d):,} articles in {t:.1f} s" for d, t in sorted(gen.items(), key=lambda kv: int(kv[0]))) + ".", ""]
    summary = [(s.title, r) for s in bench.sections for r in s.rows if r.target]
    if summary:
        lines += ["## Targets", "", "| measure | value | target | |", "|---|---:|---|---|"]
        lines += [f"| {r.what} | {r.value} | {r.target} | {r.verdict} |" for _t, r in summary]
        lines.append("")
    for s in bench.sections:
        lines += [f"## {s.title}", ""]
        for t in s.text:
            lines += [t, ""]
        if s.rows:
            lines += ["| measure | value | target | | notes |", "|---|---:|---|---|---|"]
            lines += [f"| {r.what} | {r.value} | {r.target} | {r.verdict} | {r.note} |" for r in s.rows]
            lines.append("")
    if a.notes and Path(a.notes).exists():
        lines += [Path(a.notes).read_text(encoding="utf-8").strip(), ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The date-tagger measurement (runs in its own process: `harness.py --_dates CORPUS`).


def dates_child(corpus: Path, docs: int) -> None:
    from datetime import date as _date

    from briefing.errors import InputError
    from briefing.extract import dates
    from briefing.ingest import discover, prepare, read_path

    texts: list[tuple[str, str | None]] = []
    for item in discover([corpus]):
        if isinstance(item, InputError) or item.endswith(".html"):
            continue
        for raw in read_path(item):
            if isinstance(raw, InputError):
                continue
            doc = prepare(raw)
            texts.append((doc.text, doc.published.value if doc.published else None))
            if len(texts) >= docs:
                break
        if len(texts) >= docs:
            break
    total = sum(len(t.encode("utf-8")) for t, _ in texts)
    walls, found = [], 0
    for _ in range(3):
        t0 = time.perf_counter()
        found = sum(len(dates.tag(t, ref)) for t, ref in texts)
        walls.append(time.perf_counter() - t0)
    res: dict[str, Any] = {"docs": len(texts), "tag_bytes": total, "tag_found": found,
                           "tag_mbs": total / 1e6 / median(walls)}
    try:
        import importlib.metadata
        import warnings

        from dateparser.search import search_dates

        res["dp_version"] = importlib.metadata.version("dateparser")
        warnings.simplefilter("ignore")
        search_dates("warm up on 5 May 2020", languages=["en"])  # its first call loads language data
        budget, dp_bytes, dp_found, t_used = 15.0, 0, 0, 0.0
        for text, ref in texts:
            settings: dict[str, Any] = {}
            if ref and len(ref) == 10:
                settings["RELATIVE_BASE"] = datetime.combine(_date.fromisoformat(ref), datetime.min.time())
            t0 = time.perf_counter()
            hits = search_dates(text, languages=["en"], settings=settings) or []
            t_used += time.perf_counter() - t0
            dp_bytes += len(text.encode("utf-8"))
            dp_found += len(hits)
            if t_used > budget:
                break
        res.update(dp_bytes=dp_bytes, dp_found=dp_found, dp_mbs=dp_bytes / 1e6 / t_used)
    except Exception as exc:  # dateparser missing or failing must not lose the tagger's figure
        res["dp_error"] = repr(exc)
    print(json.dumps(res))


# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="bench/run", description="Measure Briefing and write BENCHMARKS.md.")
    ap.add_argument("--quick", action="store_true", help="smoke run: 100 and 300 documents, fewer repeats")
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                    help="corpus sizes, comma-separated (default 1000,10000; quick: 100,300)")
    ap.add_argument("--jobs", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2],
                    help="--jobs values for ingest (default 1,2)")
    ap.add_argument("--repeat", type=int, default=None, help="runs per ingest measurement (default 3; quick: 1)")
    ap.add_argument("--repeat-large", type=int, default=1,
                    help="runs per ingest measurement at 5,000 documents or more (default 1: minutes each)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None, help="report path (default BENCHMARKS.md; quick: stdout)")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw figures as JSON here")
    ap.add_argument("--only", default="help,ingest,dates,build,incremental",
                    help="comma-separated subset of: help, ingest, dates, build, incremental")
    ap.add_argument("--notes", default=str(BENCH / "NOTES.md"),
                    help="Markdown appended to the report (default bench/NOTES.md, if present)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    ap.add_argument("--work", type=Path, default=None,
                    help="scratch folder to use and keep; a later run with the same --work reuses its corpora "
                         "and stores, and its earlier sections for the steps not in --only")
    ap.add_argument("--timeout", type=float, default=300.0,
                    help="seconds after which one build or incremental command is stopped (default 300)")
    ap.add_argument("--_dates", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_dates-docs", type=int, default=300, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.sizes = args.sizes or ([100, 300] if args.quick else [1000, 10000])
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.help_runs = 7
    args.build_runs = 2 if args.quick else 3
    args.add_runs = 2 if args.quick else 3
    args.dates_docs = 100 if args.quick else 300
    if args.out is None and not args.quick:
        args.out = ROOT / "BENCHMARKS.md"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args._dates:
        dates_child(args._dates, args._dates_docs)
        return 0
    started = time.perf_counter()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        args.keep = True
    work = (args.work or Path(tempfile.mkdtemp(prefix="briefing-bench-"))).resolve()
    bench = Bench(args, work)
    only = set(args.only.split(","))
    # Sections measured by an earlier run on the same --work, for the steps not redone now.
    state_path = work / "state.json"
    state = json.loads(state_path.read_text()) if state_path.exists() else {"sections": {}, "raw": {}}
    bench.raw.update(state["raw"])
    try:
        steps = [("help", bench.bench_help), ("ingest", bench.bench_ingest), ("dates", bench.bench_dates),
                 ("build", bench.bench_build), ("incremental", bench.bench_incremental)]
        for name, step in steps:
            if name not in only:
                bench.sections += [Section(d["title"], [Row(**r) for r in d["rows"]], d["text"])
                                   for d in state["sections"].get(name, [])]
                continue
            if name in ("build", "incremental"):
                for docs in args.sizes:
                    if docs in bench.stores:
                        continue
                    earlier = work / f"store-{docs}-{max(args.jobs)}-0.db"
                    if earlier.exists():
                        bench.stores[docs] = earlier
                        continue
                    # These need a populated store: ingest the corpus once, untimed.
                    path, _ = bench.corpus(docs)
                    store = work / f"store-{docs}.db"
                    run(bench.brief_cmd("ingest", str(path), "--json", store=store), work, bench.env)
                    bench.stores[docs] = store
            before = len(bench.sections)
            if hasattr(os, "getloadavg"):
                bench.raw.setdefault("load", {})[name] = os.getloadavg()[0]
            step()
            state["sections"][name] = [asdict(sec) for sec in bench.sections[before:]]
            state["raw"] = bench.raw
            state_path.write_text(json.dumps(state, default=str), encoding="utf-8")
        if only & {name for name, _ in steps}:
            bench.raw["elapsed"] = float(bench.raw.get("elapsed", 0)) + time.perf_counter() - started
        text = render(bench, started, bench.python)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
            bench.log(f"wrote {args.out}")
        else:
            print(text)
        if args.json:
            args.json.write_text(json.dumps(bench.raw, indent=1, default=str), encoding="utf-8")
    finally:
        if args.keep:
            bench.log(f"scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
