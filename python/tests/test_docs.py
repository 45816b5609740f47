"""The documentation's Python examples run: every ```python block of README.md and docs/*.md,
page by page and in order (one namespace per page), in a scratch directory holding a copy of
corpus/. A block tagged ```python recipe needs an engine this suite does not install (Spark): it
is compiled, not run. ```python datatrove and ```python ray blocks run only when that package is
installed."""

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(r"^```python([^\n]*)\n(.*?)^```$", re.S | re.M)


def blocks(page):
    return [(m.group(1).split(), m.group(2)) for m in FENCE.finditer(page.read_text())]


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p)], ids=lambda p: p.name)
def test_every_python_example_of_the_page_runs(page, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    # Run as scripts are: blocks guarded by `if __name__ == "__main__":` run too.
    namespace = {"__name__": "__main__"}
    try:
        run_blocks(page, namespace)
    finally:
        # A page that starts Ray stops it, so the Ray runner's own test starts its own.
        ray = sys.modules.get("ray")
        if ray is not None and ray.is_initialized():
            ray.shutdown()


def run_blocks(page, namespace):
    for tags, code in blocks(page):
        compiled = compile(code, f"{page.name} example", "exec")
        if "recipe" in tags:
            continue
        if any(t in ("datatrove", "ray") and importlib.util.find_spec(t) is None for t in tags):
            if os.environ.get("TAMIS_REQUIRE_RAY") and "ray" in tags:
                pytest.fail("ray is required here (TAMIS_REQUIRE_RAY) but not installed")
            continue
        exec(compiled, namespace)
