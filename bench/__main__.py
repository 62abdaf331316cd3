"""`python -m bench --size S`: run the push benchmark and write its results.

Results go to bench/results/ (not committed): bench-<size>.md, the table the
README shows, and bench-<size>.json, every sample. ``--profile`` instead
profiles one first push in this process and writes where its time goes.
"""

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bench.profiling import profile_first_push
from bench.scenarios import run_benchmark
from demo.spec import SIZE_PRESETS

RESULTS = Path(__file__).with_name("results")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZE_PRESETS), default="S")
    parser.add_argument("--runs", type=int, default=3, help="samples per figure")
    parser.add_argument(
        "--profile", action="store_true", help="profile one first push instead"
    )
    args = parser.parse_args()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr
    )
    for noisy in ("push", "tortoise", "dramatiq", "runtime", "demo", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    (RESULTS / "logs").mkdir(parents=True, exist_ok=True)

    if args.profile:
        written = asyncio.run(profile_first_push(args.size, RESULTS))
    else:
        figures = asyncio.run(run_benchmark(args.size, args.runs, RESULTS / "logs"))
        written = figures.write(RESULTS)
    sys.stdout.write(written.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
