"""Scheduled builds (`brief build --all`): incremental, locked, atomic, one failure isolated.

A run takes the store's lock, ingests new or changed articles from the configured corpus,
re-extracts documents left stale by a newer extractor, then rebuilds only the briefs whose
inputs changed. A brief's inputs are its spec file, the templates on its search path, the
tool's code, and the facts it selects. Checking them is two-staged so that a run where
nothing changed costs almost nothing:

1. *quick key*: spec + templates + code + the store's own fingerprint (documents and
   extraction versions). Equal to the last build's → unchanged, without selecting facts.
2. *content key*: spec + templates + code + the ids and payloads of the facts selected.
   A new article that the brief does not select leaves it unchanged.

Reports are written atomically by :func:`briefing.build.build`; a failing brief is reported
and the next one is still built.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .config import Config
from .errors import user_error
from .outcomes import BriefOutcome, RunReport
from .packaged import BUILTIN_TEMPLATES
from .store.protocol import FactStore

if TYPE_CHECKING:
    from .pipeline import IngestReport

_CODE_PARTS = ("build.py", "select", "spec.py", "render")  # the built-in templates are hashed as templates


def _message(exc: Exception) -> str:
    """One line for a failure: the user's error, or "internal error" for a bug."""
    error = user_error(exc)
    return str(error) if error is not None else f"internal error: {exc!r}"


# Files larger than this (no template is) change a key by their size and time, unread.
MAX_HASHED_BYTES = 4 * 1024 * 1024


def _files_under(root: Path) -> list[Path]:
    """Files under ``root`` (or ``root`` itself), sorted; symlinked folders are not entered."""
    if not root.is_dir():
        return [root]
    found = []
    for folder, dirs, names in os.walk(root):  # followlinks=False: a link to / is not walked
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        found += [Path(folder) / name for name in names]
    return sorted(found)


def _hash_files(paths: Iterable[Path]) -> str:
    """A digest of the files under ``paths``, bounded: a symlink leading out of its folder
    (rendering refuses it) and a file over :data:`MAX_HASHED_BYTES` count by their size and
    modification time, so a link to a 3 GB file costs a ``stat``, not a read."""
    h = hashlib.sha256()
    for root in paths:
        real_root = root.resolve()
        for p in _files_under(root):
            try:
                st = p.stat()
                real = p.resolve()
            except OSError:  # a dangling link, a file removed meanwhile
                continue
            h.update(str(p).encode())
            outside = root.is_dir() and not real.is_relative_to(real_root)
            if outside or st.st_size > MAX_HASHED_BYTES or not p.is_file():
                h.update(f"{real}:{st.st_size}:{st.st_mtime_ns}".encode())
            else:
                h.update(p.read_bytes())
    return h.hexdigest()


_code_key_cache: str | None = None


def code_key() -> str:
    """The tool's version plus a digest of the code that renders briefs."""
    global _code_key_cache
    if _code_key_cache is None:
        here = Path(__file__).resolve().parent
        _code_key_cache = __version__ + ":" + _hash_files(here / part for part in _CODE_PARTS)[:16]
    return _code_key_cache


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def _selection_key(context: Any, store: FactStore) -> str:
    """Ids and payload digests of the facts a brief selected (an extractor change shows up
    here); the store keeps each fact's digest, so no fact is read."""
    return hashlib.sha256(json.dumps(store.digests(set(context.fact_ids))).encode()).hexdigest()[:24]


def build_all(
    store: FactStore,
    config: Config,
    *,
    force: bool = False,
    formats: tuple[str, ...] | None = None,
    template_dirs: tuple[Path, ...] = (),
    ingest_corpus: bool = True,
    built: str | None = None,
    on_outcome: Callable[[BriefOutcome], None] | None = None,
    on_ingested: Callable[[str], None] | None = None,
    executor: str | None = None,
) -> RunReport:
    """Ingest the corpus, then build every configured brief whose inputs changed.

    The caller holds the store lock (see :func:`briefing.locking.store_lock`).
    """
    from . import noop
    from .pipeline import extract_all, ingest

    started = time.perf_counter()
    report = RunReport()
    settled: IngestReport | None = None  # what the next run ingests if nothing changes
    try:  # taken before anything is read: a file touched during the run changes the next key
        inputs = noop.input_key(config, formats, tuple(template_dirs)) if ingest_corpus else None
    except OSError:
        inputs = None
    if ingest_corpus and config.corpus:
        try:
            ingested = ingest(store, config.corpus, day_first=config.day_first, max_bytes=config.max_bytes,
                              executor=executor or config.executor)
        except Exception as exc:  # the briefs are still built from what the store holds
            report.ingest_error = _message(exc)
            report.ingested = {"error": report.ingest_error}
            if on_ingested:
                on_ingested(f"ingest    failed: {report.ingest_error}")
        else:
            report.ingested = ingested.to_json()
            settled = ingested.settled()
            if on_ingested:
                on_ingested(f"ingest    {ingested.summary()}")
                for message in ingested.errors:
                    on_ingested(f"  {message}")
    # Persons are re-merged only when the analyst's people file changed (or documents did).
    people_key = _hash_files([config.people]) if config.people else ""
    people_changed = people_key != (store.get_meta("people_file_key") or "")
    people = str(config.people) if config.people and people_changed else None
    extract_all(store, people_file=people, executor=executor or config.executor)
    if people_changed:
        store.set_meta("people_file_key", people_key)

    dirs = tuple(template_dirs) or tuple(config.templates)
    templates_key = _hash_files([*dirs, BUILTIN_TEMPLATES])
    store_key = store.fingerprint()
    out_dir = config.output
    for spec_path in config.briefs:
        t0 = time.perf_counter()
        name = str(spec_path)
        try:
            spec_bytes = spec_path.read_bytes() if spec_path.exists() else b""
            base_key = _digest(hashlib.sha256(spec_bytes).hexdigest(), templates_key, code_key(),
                               ",".join(formats or ()), people_key, str(out_dir))
            quick_key = _digest(base_key, store_key)
            last: dict[str, Any] = store.last_build(name) or {}
            outputs_present = bool(last) and all(Path(p).exists() for p in last["outputs"])
            last_quick, _, last_content = (last["fingerprint"] if last else "").partition("|")
            if not force and outputs_present and last_quick == quick_key:
                outcome = BriefOutcome(name, "unchanged", time.perf_counter() - t0, last["outputs"])
            else:
                # Rendering code is imported only when a brief may need rebuilding.
                from .build import build
                from .render.pdf import PdfLimits
                from .select import select
                from .spec import load_spec

                limits = PdfLimits(config.pdf_timeout, config.pdf_memory_mb)

                spec = load_spec(spec_path)
                before = (last["fact_ids"], last["built_at"][:10]) if last else None
                # One selection serves the content key and, if it changed, the build.
                context = select(spec, store, built=built, previous=before)
                content_key = _digest(base_key, _selection_key(context, store))
                if not force and outputs_present and last_content == content_key:
                    # Same facts, same templates: record the new quick key so the next check is instant.
                    store.record_build(name, f"{quick_key}|{content_key}", last["fact_ids"], last["outputs"])
                    outcome = BriefOutcome(name, "unchanged", time.perf_counter() - t0, last["outputs"])
                else:
                    result = build(spec, store, out_dir, formats=formats, template_dirs=dirs, built=built,
                                   previous=before, pdf_limits=limits, context=context)
                    outputs = [str(p) for p in result.outputs.values()]
                    new = sorted(result.context.new_ids)
                    store.record_build(name, f"{quick_key}|{content_key}", result.fact_ids, outputs)
                    outcome = BriefOutcome(name, "built", time.perf_counter() - t0, outputs, new_facts=len(new),
                                           warnings=list(result.context.warnings))
        except Exception as exc:  # a template or render crash must not stop the other briefs
            outcome = BriefOutcome(name, "failed", time.perf_counter() - t0, error=_message(exc))
        report.briefs.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    report.seconds = time.perf_counter() - started
    _write_status(report, store, out_dir)
    noop.record(store, config, inputs, report, settled, store_key)  # the next run may answer without loading the CLI
    return report


def _write_status(report: RunReport, store: Any, out_dir: Path) -> None:
    """The run's outcomes for the preview index; a failed brief points at its last good reports."""
    from .preview import write_status

    rows = []
    for b in report.briefs:
        row = b.to_json()
        if b.status == "failed" and not b.outputs:
            last = store.last_build(b.spec)
            row["outputs"] = last["outputs"] if last else []
        rows.append(row)
    write_status(out_dir, rows)
