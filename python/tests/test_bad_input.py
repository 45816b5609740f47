"""Bad input through the Python package: refused with an exception naming what is wrong, never a
crash of the interpreter, never a document lost without a count."""

import subprocess
import sys
import textwrap

import pytest

import tamis


def run_python(code):
    """Runs `code` in a fresh interpreter (a crash must fail the test, not end pytest)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )


def test_self_referencing_and_too_deep_documents_are_refused_not_crashed():
    result = run_python(
        """
        import tamis
        p = tamis.Pipeline(min_words=0)
        d = {"id": 1, "text": "Le conseil a voté."}
        d["self"] = d
        deep_list = []
        for _ in range(10_000):
            deep_list = [deep_list]
        deep_dict = {}
        for _ in range(100_000):
            deep_dict = {"k": deep_dict}
        for doc in (d, {"id": 2, "text": "x", "l": deep_list}, {"id": 3, "text": "x", "d": deep_dict}):
            try:
                p.clean(doc)
            except ValueError as e:
                print("refused:", e)
        # As deep as the command line reads still works.
        ok = []
        for _ in range(1_000):
            ok = [ok]
        print("kept:", p.clean({"id": 4, "text": "Le conseil a voté.", "l": ok}) is not None)
        """
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4, result.stdout
    assert all("nested more than 1024" in line for line in lines[:3]), result.stdout
    assert "hold itself" in lines[0]
    assert lines[3] == "kept: True"


def test_a_setting_out_of_range_is_named():
    for settings, name in [
        ({"dedup": {"num_perm": -5}}, "`dedup.num_perm`"),
        ({"boilerplate": {"repeated_line_min_docs": -1}}, "`boilerplate.repeated_line_min_docs`"),
        ({"dedup": {"thresold": 0.8}}, "`dedup.thresold`"),
        ({"threads": -1}, "`threads`"),
    ]:
        with pytest.raises(tamis.ConfigError) as error:
            tamis.Pipeline(**settings)
        assert name in str(error.value), (settings, str(error.value))


def test_dash_for_an_index_or_a_page_is_refused_not_a_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text(
        '{"id": "a", "text": "Le conseil municipal a voté le budget de la ville hier soir."}\n',
        encoding="utf-8",
    )
    pipeline = tamis.Pipeline(min_words=0)
    for settings in ({"save_index": "-"}, {"html": "-"}):
        with pytest.raises(tamis.ConfigError, match="can only be a file"):
            pipeline.run("in.jsonl", "out.jsonl", **settings)
        assert not (tmp_path / "-").exists()
        assert not (tmp_path / "out.jsonl").exists()
