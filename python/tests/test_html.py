"""HTML pages from Python: tamis.extract_html and Pipeline(html={...}), as the command line."""

import json
import subprocess

import pytest

import tamis
from conftest import ROOT

PAGES = ROOT / "tests" / "pages"


def page(name):
    return (PAGES / name).read_text(encoding="utf-8")


def test_extract_html_gives_main_text_title_and_the_blocks_left_out():
    text, title, removed = tamis.extract_html(page("fr-crue.html"))
    assert title.startswith("Crue de la Seine")
    assert "Météo-France maintient la vigilance orange" in text
    assert "Accueil" not in text and "Mentions légales" not in text
    rules = {r.text: r.rule for r in removed}
    assert rules["Accueil"] == "html.nav"
    assert rules["Marie R. : Courage aux riverains."] == "html.comments"
    assert all(r.why[0].startswith("score ") for r in removed)


def test_extract_html_threshold_is_checked_and_moves_the_cut():
    loose, _, _ = tamis.extract_html(page("fr-crue.html"), threshold=0.01)
    strict, _, _ = tamis.extract_html(page("fr-crue.html"), threshold=0.99)
    assert len(loose) > len(strict)
    with pytest.raises(tamis.ConfigError, match="html.threshold"):
        tamis.extract_html("<p>x</p>", threshold=2.0)


def test_pipeline_html_section_extracts_pages_and_passes_plain_text():
    p = tamis.Pipeline(html={}, min_words=0, dedup={"enabled": False})
    types = [s["type"] for s in p.config["stages"]]
    assert types[0] == "html"
    boilerplate = next(s for s in p.config["stages"] if s["type"] == "boilerplate")
    assert boilerplate["strictness"] == "rules"
    assert boilerplate["repeated_line_min_docs"] == 0
    out = p.clean({"id": "de", "text": page("de-rezept.html"), "url": "https://example.de/strudel"})
    assert out["url"] == "https://example.de/strudel"
    assert out["title"] == "Apfelstrudel wie bei Oma – Küchengeflüster"
    assert "Zimt, den Rosinen" in out["text"] and "Impressum" not in out["text"]
    plain = "Der Gemeinderat hat am Dienstag den Haushalt nach drei Stunden Debatte beschlossen."
    assert p.clean({"id": "plain", "text": plain})["text"] == plain


def test_pipeline_matches_the_command_line_on_pages(tmp_path, tamis_binary):
    names = ("fr-crue", "de-rezept", "es-noticia")
    docs = [{"id": name, "text": page(name + ".html")} for name in names]
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    cli = tmp_path / "cli.jsonl"
    subprocess.run([tamis_binary, "clean", str(source), "--extract-html", "-q", "-o", str(cli)], check=True)
    from_python = tamis.Pipeline(html={}).clean_batch(docs)
    from_cli = [json.loads(line) for line in cli.read_text(encoding="utf-8").splitlines()]
    assert [d["text"] for d in from_python] == [d["text"] for d in from_cli]


def test_boilerplate_threshold_is_a_setting_of_the_boilerplate_section():
    p = tamis.Pipeline(boilerplate={"threshold": 0.3})
    stage = next(s for s in p.config["stages"] if s["type"] == "boilerplate")
    assert stage["threshold"] == 0.3 and stage["strictness"] == "balanced"
    with pytest.raises(tamis.ConfigError, match="boilerplate.threshold"):
        tamis.Pipeline(boilerplate={"threshold": 1.5})
