"""What a scheduled run reports: one outcome per brief, and the run's totals (shared by
:mod:`briefing.schedule` and :mod:`briefing.noop`, which answers a run where nothing changed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Status = Literal["built", "unchanged", "failed"]


@dataclass
class BriefOutcome:
    """What happened to one brief in a scheduled run."""

    spec: str
    status: Status
    seconds: float
    outputs: list[str] = field(default_factory=list)
    error: str | None = None
    new_facts: int = 0
    warnings: list[str] = field(default_factory=list)  # spec filters that matched nothing

    def line(self) -> str:
        """One line for logs and cron mail."""
        head = f"{self.status:<9} {_shown(self.spec)} ({self.seconds:.2f}s)"
        if self.status == "failed":
            return f"{head}: {self.error}"
        if self.status == "built":
            extra = f"; {self.new_facts} new facts" if self.new_facts else ""
            extra += "".join(f"; warning: {w}" for w in self.warnings)
            return f"{head} -> {', '.join(_shown(p) for p in self.outputs)}{extra}"
        return head


    def to_json(self) -> dict[str, Any]:
        return {"spec": self.spec, "status": self.status, "seconds": round(self.seconds, 3),
                "outputs": self.outputs, "error": self.error, "new_facts": self.new_facts,
                "warnings": self.warnings}


def _shown(path: str) -> str:
    """A path relative to the current folder when it is inside it (shorter log lines)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


@dataclass
class RunReport:
    ingested: dict[str, Any] = field(default_factory=dict)
    briefs: list[BriefOutcome] = field(default_factory=list)
    seconds: float = 0.0
    ingest_error: str | None = None  # the corpus could not be ingested; the briefs were still built

    @property
    def failed(self) -> int:
        return sum(b.status == "failed" for b in self.briefs) + (self.ingest_error is not None)

    def to_json(self) -> dict[str, Any]:
        return {"ingest": self.ingested, "briefs": [b.to_json() for b in self.briefs],
                "failed": self.failed, "seconds": round(self.seconds, 3)}
