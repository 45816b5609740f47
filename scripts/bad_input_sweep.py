#!/usr/bin/env python3
"""Tries tamis with bad input of many kinds and prints the README's table of outcomes.

Each kind runs in a fresh directory holding a small corpus and the files of an earlier run
(pipeline file, line table, index, stage files). For every kind it records the exit code and
checks what no kind may do: change a file that was there before, leave a temporary file or a
directory it made, or exit 0 where the kind must fail. A kind whose outcome differs from the
one expected is marked FAILED and the script exits 1.

usage: scripts/bad_input_sweep.py [--tamis target/release/tamis] [--markdown]
Needs only the repository (no ../shared), Python 3 and a built tamis.
"""

import argparse
import bz2
import gzip
import json
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = "\n".join(
    json.dumps(d, ensure_ascii=False)
    for d in [
        {"id": "fr-1", "text": "Le conseil municipal a voté hier soir le budget de la ville pour l’année prochaine, après un long débat."},
        {"id": "de-2", "text": "Der Gemeinderat hat gestern Abend den Haushalt für das kommende Jahr nach langer Debatte beschlossen."},
        {"id": "fr-3", "text": "Le conseil municipal a voté hier soir le budget de la ville pour l’année prochaine, après un long débat !"},
    ]
) + "\n"

ROOT = Path(__file__).resolve().parent.parent

# Markers in place of stdin bytes: run with standard output closed, or with in.jsonl (a file, not
# a pipe) as standard input.
CLOSED_STDOUT = "closed stdout"
STDIN_FILE = "in.jsonl on stdin"


def prepare(tamis: str, at: Path) -> None:
    at.mkdir()
    (at / "in.jsonl").write_text(CORPUS, encoding="utf-8")
    (at / "sub").mkdir()
    os.symlink(at, at / "linked")
    os.symlink(at / "in.jsonl", at / "in.symlink")
    os.link(at / "in.jsonl", at / "in.hardlink")
    (at / "blocker").write_text("a file, not a directory\n")
    run = lambda *args: subprocess.run([tamis, *args], cwd=at, check=True, capture_output=True)
    (at / "pipeline.toml").write_bytes(subprocess.run([tamis, "config"], capture_output=True, check=True).stdout)
    run("clean", "in.jsonl", "-o", "kept.jsonl", "-q", "--min-words", "0", "--stats", "stats.json",
        "--save-index", "seen.idx")
    run("lines", "count", "in.jsonl", "-o", "1.lines", "-q")
    run("dedup", "sign", "in.jsonl", "-o", "1.sigs", "-q")
    run("dedup", "pairs", "1.sigs", "-o", "1.edges", "-q")
    run("dedup", "cluster", "1.edges", "-o", "all.clusters", "-q")
    (at / "kept.jsonl").unlink()


def snapshot(at: Path) -> dict:
    seen = {}
    for dirpath, dirnames, filenames in os.walk(at):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                seen[path] = ("link", os.readlink(path))
            elif path.is_dir():
                seen[path] = ("dir", None)
            else:
                seen[path] = ("file", path.read_bytes())
    return seen


# (group, kind, command arguments, files to write first {name: bytes}, expected exit codes,
#  stdin bytes or None)
def kinds() -> list:
    k = []

    def add(group, kind, args, expect, files=None, stdin=None):
        k.append((group, kind, args, files or {}, expect, stdin))

    # Outputs spelled as an input.
    spellings = [
        ("./sub/../in.jsonl", "through an existing directory and `..`"),
        ("missing/../in.jsonl", "through a missing directory and `..`"),
        ("a/b/../../in.jsonl", "through two missing directories"),
        ("in.symlink", "a symbolic link to the input"),
        ("in.hardlink", "a hard link to the input"),
        ("ABS/in.jsonl", "the absolute path of a relative input"),
        ("linked/in.jsonl", "through a linked parent directory"),
        ("linked/missing/../in.jsonl", "linked parent, missing directory, `..`"),
    ]
    flags = ["-o", "--stats", "--report", "--rejects", "--explain", "--html", "--save-index"]
    for spelled, how in spellings:
        for flag in flags:
            base = ["clean", "in.jsonl"] + ([] if flag == "-o" else ["-o", "out.jsonl"])
            add("output is an input", f"`clean {flag}` {how}", base + [flag, spelled], [2])
    for cmd, how in [
        (["clean", "in.jsonl", "--config", "pipeline.toml", "-o", "o.jsonl", "--stats", "x/../pipeline.toml"], "`--stats` over the `--config` file"),
        (["clean", "in.jsonl", "--line-table", "1.lines", "-o", "new/../1.lines"], "`-o` over the `--line-table`"),
        (["clean", "in.jsonl", "--against", "seen.idx", "-o", "o.jsonl", "--rejects", "./seen.idx"], "`--rejects` over the `--against` index"),
        (["detect", "in.jsonl", "-o", "missing/../in.jsonl"], "`detect -o` through a missing directory"),
        (["dedup", "in.jsonl", "--report", "in.symlink"], "`dedup --report` a link to the input"),
        (["lines", "count", "in.jsonl", "-o", "in.hardlink"], "`lines count -o` a hard link to the input"),
        (["lines", "merge", "1.lines", "-o", "sub/../1.lines"], "`lines merge -o` over its table"),
        (["dedup", "sign", "in.jsonl", "-o", "missing/../in.jsonl"], "`dedup sign -o` over the shard"),
        (["dedup", "pairs", "1.sigs", "-o", "linked/1.sigs"], "`dedup pairs -o` over the signatures"),
        (["dedup", "cluster", "1.edges", "-o", "c", "--stats", "new/../1.edges"], "`dedup cluster --stats` over the edges"),
        (["dedup", "filter", "in.jsonl", "--clusters", "all.clusters", "-o", "o.jsonl", "--report", "x/../all.clusters"], "`dedup filter --report` over the clusters"),
        (["report", "--stats", "stats.json", "-o", "missing/../stats.json"], "`report -o` over the stats it reads"),
        (["clean", "in.jsonl", "--output-format", "txt", "-o", "missing/.."], "`.txt` directory that holds the input"),
        (["clean", "in.jsonl", "-o", "o.jsonl", "--stats", "new/../o.jsonl"], "two outputs, one through a missing directory"),
    ]:
        add("output is an input", how, cmd, [2])

    # Output paths that cannot be used.
    add("output paths", "`-o ''` (empty)", ["clean", "in.jsonl", "-o", ""], [2])
    add("output paths", "a file used as a directory (`-o in.jsonl/x`)", ["clean", "in.jsonl", "-o", "in.jsonl/x"], [2])
    add("output paths", "`--stats blocker/s.json`, blocker a file", ["clean", "in.jsonl", "-o", "o.jsonl", "--stats", "blocker/s.json"], [2])
    add("output paths", "`-o` an existing directory", ["clean", "in.jsonl", "-o", "sub"], [2])
    add("output paths", "`.txt` output to an existing file", ["clean", "in.jsonl", "--output-format", "txt", "-o", "stats.json"], [2])
    add("output paths", "`-o out.jsonl.bz2` (a compression tamis cannot write)", ["clean", "in.jsonl", "-o", "out.jsonl.bz2"], [2])
    add("output paths", "`--stats s.json.xz`", ["clean", "in.jsonl", "-o", "o.jsonl", "--stats", "s.json.xz"], [2])
    add("output paths", "two outputs on stdout", ["clean", "in.jsonl", "-o", "-", "--report", "-"], [2])
    add("output paths", "`-o /dev/full` (the disk is full)", ["clean", "in.jsonl", "-o", "/dev/full", "--min-words", "0"], [1])
    add("output paths", "a stage file with a `.gz` name", ["dedup", "sign", "in.jsonl", "-o", "1.sigs.gz"], [2])
    add("output paths", "`--html -` (a page is a file)", ["clean", "in.jsonl", "-o", "o.jsonl", "--html", "-"], [2])
    add("output paths", "`dedup sign -o -` (a stage file is a file)", ["dedup", "sign", "in.jsonl", "-o", "-"], [2])
    add("output paths", "`clean -o -` with stdout closed (`>&-`)", ["clean", "in.jsonl", "-o", "-"], [1], stdin=CLOSED_STDOUT)
    add("output paths", "`dedup -o -` with stdout closed", ["dedup", "in.jsonl", "-o", "-"], [1], stdin=CLOSED_STDOUT)
    add("output paths", "`--stats -` with stdout closed", ["clean", "in.jsonl", "-o", "o.jsonl", "--stats", "-"], [1], stdin=CLOSED_STDOUT)
    add("output paths", "`.txt` output, an id too long for any path", ["clean", "ids.jsonl", "--output-format", "txt", "-o", "txt", "--min-words", "0"], [0], {"ids.jsonl": json.dumps({"id": "d/" * 2100 + "e", "text": "Le conseil a voté."}) + "\n" + json.dumps({"id": "ok", "text": "Le budget est adopté."}) + "\n"})
    add("output paths", "`.txt` output into a directory holding `a.txt`, id `a.txt/b`", ["clean", "ids.jsonl", "--output-format", "txt", "-o", "txt", "--min-words", "0"], [0], {"txt/a.txt": "an earlier run's\n", "ids.jsonl": json.dumps({"id": "a.txt/b", "text": "Le conseil a voté."}) + "\n"})
    add("output paths", "`.txt` output, ids `a` then `a.txt/b`", ["clean", "ids.jsonl", "--output-format", "txt", "-o", "txt", "--min-words", "0"], [0], {"ids.jsonl": json.dumps({"id": "a", "text": "Le conseil a voté."}) + "\n" + json.dumps({"id": "a.txt/b", "text": "Le budget est adopté."}) + "\n"})

    # Records.
    add("records", "malformed JSON line", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS + "{not json\n"})
    add("records", "malformed line, `--on-bad-input fail`", ["clean", "bad.jsonl", "-o", "o.jsonl", "--on-bad-input", "fail"], [1], {"bad.jsonl": CORPUS + "{not json\n"})
    add("records", "a line that is an array", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS + "[1,2]\n"})
    add("records", "text field missing", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS + '{"id":"x"}\n'})
    add("records", "text field a number", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS + '{"id":"x","text":12}\n'})
    add("records", "id an object", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS + '{"id":{},"text":"Un texte."}\n'})
    add("records", "JSON nested 5,000 deep", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS + '{"id":"d","text":"t","x":' + "[" * 5000 + "]" * 5000 + "}\n"})
    add("records", "invalid UTF-8 in a record", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS.encode() + b'{"id":"u","text":"caf\xe9 cr\xe8me au lait chaud"}\n'})
    add("records", "a NUL byte inside a text", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS + '{"id":"n","text":"a\\u0000b c d e"}\n'})
    add("records", "a lone surrogate escape (`\\ud800`)", ["clean", "bad.jsonl", "-o", "o.jsonl"], [0], {"bad.jsonl": CORPUS + '{"id":"s","text":"x \\ud800 y"}\n'})
    add("records", "CRLF line ends", ["clean", "crlf.jsonl", "-o", "o.jsonl"], [0], {"crlf.jsonl": CORPUS.replace("\n", "\r\n")})
    add("records", "UTF-8 byte-order mark", ["clean", "bom.jsonl", "-o", "o.jsonl"], [0], {"bom.jsonl": "\ufeff" + CORPUS})
    add("records", "no newline at the end", ["clean", "nonl.jsonl", "-o", "o.jsonl"], [0], {"nonl.jsonl": CORPUS.rstrip("\n")})
    add("records", "blank lines between records", ["clean", "blank.jsonl", "-o", "o.jsonl"], [0], {"blank.jsonl": CORPUS.replace("\n", "\n\n")})
    add("records", "a 5 MB single-line text", ["clean", "big.jsonl", "-o", "o.jsonl"], [0], {"big.jsonl": json.dumps({"id": "big", "text": "Le conseil a voté. " * 260000}) + "\n"})
    add("records", "duplicate ids", ["clean", "dup.jsonl", "-o", "o.jsonl"], [0], {"dup.jsonl": CORPUS.replace("de-2", "fr-1")})
    add("records", "every record bad", ["clean", "allbad.jsonl", "-o", "new/o.jsonl"], [1], {"allbad.jsonl": "nope\n[]\n"})
    add("records", "a pretty-printed .json file", ["clean", "pretty.json", "-o", "o.jsonl"], [1], {"pretty.json": json.dumps({"id": "p", "text": "t"}, indent=2)})
    add("records", "a .json file holding an array of documents", ["clean", "array.json", "-o", "o.jsonl"], [1], {"array.json": json.dumps([{"id": "p", "text": "t"}])})

    # Files and streams.
    add("files", "an input that does not exist", ["clean", "nope.jsonl", "-o", "o.jsonl"], [1])
    add("files", "an empty file", ["clean", "empty.jsonl", "-o", "o.jsonl"], [1], {"empty.jsonl": ""})
    add("files", "an empty file among good ones", ["clean", "in.jsonl", "empty.jsonl", "-o", "o.jsonl"], [0], {"empty.jsonl": ""})
    add("files", "a directory with no corpus file", ["clean", "sub", "-o", "o.jsonl"], [1])
    add("files", "UTF-16 file", ["clean", "u16.jsonl", "-o", "o.jsonl"], [1], {"u16.jsonl": CORPUS.encode("utf-16")})
    add("files", "truncated gzip", ["clean", "t.jsonl.gz", "-o", "o.jsonl"], [1], {"t.jsonl.gz": gzip.compress(CORPUS.encode())[:-12]})
    add("files", "corrupt gzip", ["clean", "c.jsonl.gz", "-o", "o.jsonl"], [1], {"c.jsonl.gz": b"\x1f\x8b\x08\x00garbage-garbage"})
    add("files", "truncated zstd", ["clean", "t.jsonl.zst", "-o", "o.jsonl"], [1], {"t.jsonl.zst": bytes.fromhex("28b52ffd") + b"\x00\x01"})
    add("files", "gzip data under a .jsonl name", ["clean", "gz.jsonl", "-o", "o.jsonl"], [0], {"gz.jsonl": gzip.compress(CORPUS.encode())})
    add("files", "xz data on stdin", ["clean", "-", "-o", "o.jsonl"], [2], None, lzma.compress(CORPUS.encode()))
    add("files", "bzip2 data on stdin", ["clean", "-", "-o", "o.jsonl"], [2], None, bz2.compress(CORPUS.encode()))
    add("files", "binary bytes as a .txt document", ["clean", "bin.txt", "-o", "o.jsonl", "--min-words", "0"], [0], {"bin.txt": bytes(range(256)) * 4})
    add("files", "empty stdin", ["clean", "-", "-o", "o.jsonl"], [1], None, b"")
    add("files", "the same file named twice", ["clean", "in.jsonl", "./in.jsonl", "-o", "o.jsonl"], [0, 2])
    add("files", "`clean /dev/stdin` with a file on stdin", ["clean", "/dev/stdin", "-o", "o.jsonl", "--min-words", "0"], [0], None, STDIN_FILE)
    add("files", "a name with control characters", ["clean", "bad\x1b[31m.jsonl", "-o", "o.jsonl"], [1])

    # Web pages and crawl archives.
    page = "<html><body><article><p>Le conseil municipal a voté hier soir le budget de la ville pour l’année prochaine, après un long débat.</p></article></body></html>"
    warc = lambda kind, body: (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: https://x.example/\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body + b"\r\n\r\n"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + page.encode()
    add("pages", "a page of menus and footers only", ["clean", "menu.html", "in.jsonl", "-o", "o.jsonl"], [0], {"menu.html": "<html><body><nav><a href=/>Accueil</a></nav><footer>© 2024</footer></body></html>"})
    add("pages", "a page cut inside a tag", ["clean", "cut.html", "-o", "o.jsonl", "--min-words", "0"], [0], {"cut.html": page[:90]})
    add("pages", "markup read by context (`<select><style>`)", ["clean", "tricky.html", "-o", "o.jsonl", "--min-words", "0"], [0], {"tricky.html": page.replace("</article>", "<select><style>x</style></select></article>")})
    add("pages", "a page in windows-1251 with its `<meta charset>`", ["clean", "ru.html", "-o", "o.jsonl", "--min-words", "0"], [0], {"ru.html": ("<html><head><meta charset=windows-1251></head><body><p>" + "Городской совет вчера вечером утвердил бюджет города на следующий год." + "</p></body></html>").encode("cp1251")})
    add("pages", "a page on stdin without `--format html`", ["clean", "-", "-o", "o.jsonl"], [2], None, page.encode())
    add("pages", "a WARC file cut inside a record", ["clean", "cut.warc", "-o", "o.jsonl", "--min-words", "0"], [0], {"cut.warc": warc("response", http) + warc("response", http)[:-40]})
    add("pages", "a WARC file cut inside a record, `--on-bad-input fail`", ["clean", "cut.warc", "-o", "o.jsonl", "--on-bad-input", "fail"], [1], {"cut.warc": warc("response", http) + warc("response", http)[:-40]})
    add("pages", "a WARC file with no HTML response", ["clean", "req.warc", "-o", "o.jsonl"], [1], {"req.warc": warc("request", b"GET / HTTP/1.1\r\n\r\n")})
    add("pages", "a truncated `.warc.gz`", ["clean", "t.warc.gz", "-o", "o.jsonl"], [1], {"t.warc.gz": gzip.compress(warc("response", http))[:-12]})

    # Settings.
    add("settings", "`--threshold 1.5`", ["clean", "in.jsonl", "-o", "o.jsonl", "--threshold", "1.5"], [2])
    add("settings", "`--threshold=-0.5`", ["clean", "in.jsonl", "-o", "o.jsonl", "--threshold=-0.5"], [2])
    add("settings", "`--threshold -0.5`", ["clean", "in.jsonl", "-o", "o.jsonl", "--threshold", "-0.5"], [2])
    add("settings", "`--threads 100000`", ["clean", "in.jsonl", "-o", "o.jsonl", "--threads", "100000"], [2])
    add("settings", "`--lang xx-unknown`", ["clean", "in.jsonl", "-o", "o.jsonl", "--lang", "klingonish"], [2])
    add("settings", "`--num-perm 0`", ["clean", "in.jsonl", "-o", "o.jsonl", "--num-perm", "0"], [2])
    add("settings", "`--ngram 0`", ["clean", "in.jsonl", "-o", "o.jsonl", "--ngram", "0"], [2])
    add("settings", "unknown setting in a pipeline file", ["clean", "in.jsonl", "-o", "o.jsonl", "--config", "p.toml"], [2], {"p.toml": "threadz = 2\n"})
    add("settings", "pipeline file that is not TOML", ["clean", "in.jsonl", "-o", "o.jsonl", "--config", "p.toml"], [2], {"p.toml": "[[stages\n"})
    add("settings", "stages out of order", ["clean", "in.jsonl", "-o", "o.jsonl", "--config", "p.toml"], [2], {"p.toml": '[[stages]]\ntype = "dedup"\n[[stages]]\ntype = "language"\n'})
    add("settings", "a setting flag with `--config`", ["clean", "in.jsonl", "-o", "o.jsonl", "--config", "pipeline.toml", "--threshold", "0.9"], [2])
    add("settings", "a rules file with a bad regex", ["clean", "in.jsonl", "-o", "o.jsonl", "--rules", "r.toml"], [2], {"r.toml": '[[rules]]\nname = "x"\nkind = "read_also"\npattern = "(("\nmax_chars = 100\n'})
    add("settings", "a rules file that does not exist", ["clean", "in.jsonl", "-o", "o.jsonl", "--rules", "none.toml"], [1, 2])
    add("settings", "a rules file disabling an unknown rule", ["clean", "in.jsonl", "-o", "o.jsonl", "--rules", "r.json"], [2], {"r.json": '{"disable": ["fr_partage"]}'})
    add("settings", "a rule without `max_chars`", ["clean", "in.jsonl", "-o", "o.jsonl", "--rules", "r.toml"], [2], {"r.toml": '[[rules]]\nname = "x"\nkind = "read_also"\npattern = "^x"\n'})
    add("settings", "a stage setting of the wrong type in a pipeline file", ["clean", "in.jsonl", "-o", "o.jsonl", "--config", "p.toml"], [2], {"p.toml": '[[stages]]\ntype = "min_words"\nmin_words = 5\n[[stages]]\ntype = "dedup"\nthreshold = "high"\n'})

    # Files of earlier runs.
    add("stage files", "a line table that is not one", ["clean", "in.jsonl", "-o", "o.jsonl", "--line-table", "stats.json"], [1])
    add("stage files", "a truncated line table", ["clean", "in.jsonl", "-o", "o.jsonl", "--line-table", "t.lines"], [1], {"t.lines": b"TAMISLNS"})
    add("stage files", "a line table given twice to merge", ["lines", "merge", "1.lines", "./1.lines", "-o", "two.lines"], [2])
    add("stage files", "a line table given twice, spelled the same", ["lines", "merge", "1.lines", "1.lines", "-o", "two.lines"], [2])
    add("stage files", "an index that is not one (`--against`)", ["clean", "in.jsonl", "-o", "o.jsonl", "--against", "stats.json"], [1])
    add("stage files", "a truncated signature file", ["dedup", "pairs", "t.sigs", "-o", "e"], [1], {"t.sigs": b"TAMISSIG"})
    add("stage files", "a shard signed twice", ["dedup", "pairs", "1.sigs", "1.sigs", "-o", "e"], [1, 2])
    add("stage files", "edges missing bands", ["dedup", "cluster", "half.edges", "-o", "c"], [1, 2], {"half.edges": None})
    add("stage files", "a shard filtered with another's clusters", ["dedup", "filter", "other.jsonl", "--clusters", "all.clusters", "-o", "o.jsonl", "--name", "in.jsonl"], [1], {"other.jsonl": CORPUS.replace("fr-1", "xx-9")})
    add("stage files", "`report --stats` a file that is not stats", ["report", "--stats", "in.jsonl", "-o", "r.html"], [1])
    # A bit flipped in a file of an earlier run (a disk, a copy): ("flip", file it copies, where).
    add("stage files", "a line table with a bit flipped", ["lines", "merge", "x.lines", "-o", "m.lines"], [1], {"x.lines": ("flip", "1.lines", 0.5)})
    add("stage files", "an index with a bit flipped (`--against`)", ["clean", "in.jsonl", "-o", "o.jsonl", "--against", "x.idx"], [1], {"x.idx": ("flip", "seen.idx", 0.5)})
    add("stage files", "a signature file with a bit flipped in its header", ["dedup", "pairs", "x.sigs", "-o", "e"], [1], {"x.sigs": ("flip", "1.sigs", 0.02)})
    add("stage files", "a signature file with a bit flipped near its end", ["dedup", "pairs", "x.sigs", "-o", "e"], [1], {"x.sigs": ("flip", "1.sigs", 0.9)})
    add("stage files", "an edges file with a bit flipped", ["dedup", "cluster", "x.edges", "-o", "c"], [1], {"x.edges": ("flip", "1.edges", 0.5)})
    add("stage files", "a clusters file with a bit flipped", ["dedup", "filter", "in.jsonl", "--clusters", "x.clusters", "-o", "o.jsonl"], [1], {"x.clusters": ("flip", "all.clusters", 0.5)})
    return k


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tamis", default=str(ROOT / "target/release/tamis"))
    parser.add_argument("--markdown", action="store_true", help="print the README table")
    args = parser.parse_args()
    tamis = str(Path(args.tamis).resolve())
    template = Path(tempfile.mkdtemp(prefix="tamis-sweep-"))
    prepare(tamis, template / "t")
    failed = 0
    rows = []
    for group, kind, cmd, files, expect, stdin in kinds():
        work = Path(tempfile.mkdtemp(prefix="tamis-sweep-"))
        at = work / "t"
        shutil.copytree(template / "t", at, symlinks=True)
        os.unlink(at / "linked")
        os.symlink(at, at / "linked")
        os.unlink(at / "in.symlink")
        os.symlink(at / "in.jsonl", at / "in.symlink")
        os.unlink(at / "in.hardlink")
        os.link(at / "in.jsonl", at / "in.hardlink")
        for name, data in files.items():
            if data is None and name == "half.edges":
                subprocess.run([tamis, "dedup", "pairs", "1.sigs", "--bands", "0..1", "-o", name, "-q"], cwd=at, check=True, capture_output=True)
                continue
            if isinstance(data, tuple) and data[0] == "flip":
                _, source, where = data
                flipped = bytearray((at / source).read_bytes())
                flipped[int(len(flipped) * where)] ^= 0x04
                data = bytes(flipped)
            (at / name).parent.mkdir(parents=True, exist_ok=True)
            (at / name).write_bytes(data.encode() if isinstance(data, str) else data)
        cmd = [c.replace("ABS", str(at)) for c in cmd]
        before = snapshot(at)
        if stdin == CLOSED_STDOUT:
            done = subprocess.run([tamis, *cmd], cwd=at, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  preexec_fn=lambda: os.close(1), timeout=120)
        elif stdin == STDIN_FILE:
            with open(at / "in.jsonl", "rb") as file:
                done = subprocess.run([tamis, *cmd], cwd=at, stdin=file, capture_output=True, timeout=120)
        else:
            done = subprocess.run([tamis, *cmd], cwd=at, capture_output=True, input=stdin if stdin is not None else b"", timeout=120)
        after = snapshot(at)
        changed = [str(p.relative_to(at)) for p in before if after.get(p) != before[p]]
        created = [str(p.relative_to(at)) for p in after if p not in before]
        leftovers = [c for c in created if "tamis-tmp" in c]
        problems = []
        if changed:
            problems.append("changed " + ", ".join(changed))
        if leftovers:
            problems.append("left " + ", ".join(leftovers))
        if done.returncode != 0 and created:
            problems.append("made " + ", ".join(created))
        if done.returncode not in expect:
            problems.append(f"exit {done.returncode}, expected {expect}")
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message = next((m for m in message if "error" in m or "warning" in m), message[-1] if message else "")
        outcome = {0: "done", 1: "refused at run time (exit 1)", 2: "refused as a usage error (exit 2)"}.get(done.returncode, f"exit {done.returncode}")
        if done.returncode == 0 and "warning" in message:
            outcome = "done, bad records skipped and counted"
        status = "FAILED: " + "; ".join(problems) if problems else "ok"
        failed += bool(problems)
        rows.append((group, kind, outcome, message.replace("|", "\\|")[:150], status))
        shutil.rmtree(work)
    shutil.rmtree(template)
    if args.markdown:
        print("| # | input | kind | outcome | nothing lost |")
        print("|---|---|---|---|---|")
        for n, (group, kind, outcome, message, status) in enumerate(rows, 1):
            print(f"| {n} | {group} | {kind} | {outcome} | {status} |")
    else:
        for group, kind, outcome, message, status in rows:
            print(f"{status:6} [{group}] {kind}: {outcome} — {message}")
    print(f"{len(rows)} kinds, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
