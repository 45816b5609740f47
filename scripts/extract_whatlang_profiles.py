#!/usr/bin/env python3
"""Writes src/lang/whatlang_profiles.txt: the trigram profiles and the alphabets of whatlang 0.18
(MIT licence, (c) Sergey Potapov and contributors), in whatlang's own order, read from the crate's
source in the cargo registry. tamis' language stage (src/lang/trigrams.rs) scores with them
through an index from trigram to languages, and must give whatlang's answers exactly.

usage: scripts/extract_whatlang_profiles.py [WHATLANG_SOURCE_DIR]
(default: the whatlang-0.18.0 folder of ~/.cargo/registry/src/*/)
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = sys.argv[1] if len(sys.argv) > 1 else glob.glob(
    os.path.expanduser("~/.cargo/registry/src/*/whatlang-0.18.0"))[0]


def rust_char(s):
    s = s.replace("\\'", "'").replace("\\\\", "\\")
    if s.startswith("\\u{"):
        return chr(int(s[3:-1], 16))
    assert len(s) == 1, s
    return s


out = ["# whatlang 0.18 trigram profiles and alphabets (MIT licence, (c) Sergey Potapov and",
       "# contributors), in whatlang's order; written by scripts/extract_whatlang_profiles.py.",
       "# profile SCRIPT LANG TRIGRAMS: 300 trigrams of 3 characters each, most frequent first.",
       "# alphabet SCRIPT LANG LETTERS"]
profiles = open(os.path.join(src, "src/trigrams/profiles.rs"), encoding="utf-8").read()
for block in re.finditer(r"pub static (\w+)_LANGS: LangProfileList = &\[(.*?)\n\];", profiles, re.S):
    script = block.group(1).lower()
    for lang in re.finditer(r"Lang::(\w+),\s*&\[(.*?)\]", block.group(2), re.S):
        trigrams = re.findall(r"Trigram\('((?:\\.|[^'])+)', '((?:\\.|[^'])+)', '((?:\\.|[^'])+)'\)",
                              lang.group(2))
        text = "".join(rust_char(c) for t in trigrams for c in t)
        assert len(trigrams) == 300 and "\n" not in text, (script, lang.group(1), len(trigrams))
        out.append(f"profile {script} {lang.group(1).lower()} {text}")
for script in ("latin", "cyrillic"):
    code = open(os.path.join(src, f"src/alphabets/{script}.rs"), encoding="utf-8").read()
    consts = dict(re.findall(r'const (\w+): &str =\s*"([^"]*)";', code))
    order = re.search(r"_ALPHABETS: &\[\(Lang, &str\)\] = &\[(.*?)\];", code, re.S).group(1)
    for lang, const in re.findall(r"\(Lang::(\w+), (\w+)\)", order):
        out.append(f"alphabet {script} {lang.lower()} {consts[const]}")
path = os.path.join(ROOT, "src", "lang", "whatlang_profiles.txt")
with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print(f"wrote {path}: {len(out) - 4} lines")
