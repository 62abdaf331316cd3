"""Medians and percentiles, and the table and JSON a benchmark run writes."""

import json
import os
import platform
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: ``share`` 0.95 is p95."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass
class Figures:
    """Raw figures of one benchmark run: every sample, in seconds unless named."""

    size: str
    runs: int
    sections: int = 0
    courses: int = 0
    machine: dict[str, str] = field(default_factory=dict)
    first_push: list[float] = field(default_factory=list)
    unchanged_push: list[float] = field(default_factory=list)
    changed_push: list[float] = field(default_factory=list)
    changed_courses: int = 0
    first_push_one_process: list[float] = field(default_factory=list)
    calendar_report: list[float] = field(default_factory=list)
    course_report: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    floor_matches_push: bool = False
    floor_differences: list[str] = field(default_factory=list)
    read_idle_ms: list[float] = field(default_factory=list)
    read_during_push_ms: list[float] = field(default_factory=list)
    # Idle again once the push ended: the same query over the data it left.
    read_after_push_ms: list[float] = field(default_factory=list)
    worker_peak_mb: list[float] = field(default_factory=list)
    benchmark_seconds: float = 0.0

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"bench-{self.size}.json").write_text(
            json.dumps(asdict(self), indent=2)
        )
        table = folder / f"bench-{self.size}.md"
        table.write_text(render_table(self))
        return table


def machine() -> dict[str, str]:
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return {
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "cpus": str(_cpu_count()),
        "memory": f"{int(memory) // 1024 // 1024} GiB",
        "processor": _processor_name(),
    }


def _cpu_count() -> int:
    return len(os.sched_getaffinity(0))


def _processor_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def render_table(figures: Figures) -> str:
    """The markdown table: medians, and each one against its target."""
    first = median(figures.first_push)
    floor = median(figures.floor)
    one_process = median(figures.first_push_one_process)
    idle_p95 = percentile(figures.read_idle_ms, 0.95)
    busy_p95 = percentile(figures.read_during_push_ms, 0.95)
    rows = [
        _row(
            "1. first push, whole calendar",
            _s(first),
            "<= 3x floor",
            f"{first / floor:.1f}x floor",
        ),
        _row(
            "2. same push again, nothing changed",
            _s(median(figures.unchanged_push)),
            "<= 10% of 1",
            _share(median(figures.unchanged_push), first),
        ),
        _row(
            f"3. push after {figures.changed_courses} courses changed a weight",
            _s(median(figures.changed_push)),
            "<= 25% of 1",
            _share(median(figures.changed_push), first),
        ),
        _row(
            "4. report, whole calendar (totals + first page)",
            _s(median(figures.calendar_report)),
            "<= 25% of 1",
            _share(median(figures.calendar_report), first),
        ),
        _row(
            "4. report, one course", _ms(median(figures.course_report)), "< 100 ms", ""
        ),
        _row(
            "5. read p50 / p95, idle",
            f"{percentile(figures.read_idle_ms, 0.5):.0f} / {idle_p95:.0f} ms",
            "",
            "",
        ),
        _row(
            "5. read p50 / p95, during a push",
            f"{percentile(figures.read_during_push_ms, 0.5):.0f} / {busy_p95:.0f} ms",
            "p95 <= 2x idle",
            f"{busy_p95 / idle_p95:.1f}x",
        ),
        _row(
            "5. read p50 / p95, idle after the push",
            f"{percentile(figures.read_after_push_ms, 0.5):.0f}"
            f" / {percentile(figures.read_after_push_ms, 0.95):.0f} ms",
            "",
            "more data to read",
        ),
        _row(
            "6. worker peak memory",
            f"{max(figures.worker_peak_mb, default=0):.0f} MiB",
            "< 300 MiB",
            "",
        ),
        _row(
            "7. floor: set-based SQL, first push",
            _s(floor),
            "",
            "same end state" if figures.floor_matches_push else "END STATE DIFFERS",
        ),
        _row(
            "8. throughput, 1 worker process",
            _rate(figures.sections, one_process),
            "",
            "",
        ),
        _row(
            "8. throughput, 2 worker processes",
            _rate(figures.sections, first),
            "",
            f"{one_process / first:.2f}x of 1 process",
        ),
        _row(
            "time per section, first push",
            _ms(first / max(figures.sections, 1)),
            "flat from S to L",
            "",
        ),
    ]
    header = [
        f"Size {figures.size}: {figures.courses} courses, {figures.sections} sections;"
        f" medians of {figures.runs} runs; benchmark took"
        f" {figures.benchmark_seconds:.0f} s.",
        "",
        "| measure | median | target | against target |",
        "|---|---|---|---|",
    ]
    machine = ", ".join(f"{k} {v}" for k, v in figures.machine.items())
    return "\n".join([*header, *rows, "", f"Machine: {machine}.", ""])


def _row(measure: str, value: str, target: str, against: str) -> str:
    return f"| {measure} | {value} | {target} | {against} |"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}% of 1"


def _rate(sections: int, seconds: float) -> str:
    return f"{sections / seconds:.0f} sections/s"
