#!/usr/bin/env python3
"""Writes src/quality/fineweb2.rs: FineWeb-2's per-language filter limits and stop words
(huggingface/fineweb-2, configs/{lang}_{Script}.yml, Apache-2.0) for every language tamis'
language stage names.

    python3 scripts/fineweb2_thresholds.py PATH_TO_FINEWEB_2_CHECKOUT

Needs PyYAML. The languages and the FineWeb-2 config chosen for each are listed below: the
language's own code where FineWeb-2 has it, else the individual language FineWeb-2 filtered
for the macrolanguage (Arabic: Standard Arabic, Estonian: Standard Estonian…), in the script
tamis' detector reads it in.
"""

import os
import sys

import yaml

# tamis' language (ISO 639-3, as the language stage writes it) -> FineWeb-2 config.
CONFIGS = {
    "afr": "afr_Latn", "aka": "twi_Latn", "amh": "amh_Ethi", "ara": "arb_Arab", "aze": "azj_Latn",
    "bel": "bel_Cyrl", "ben": "ben_Beng", "bul": "bul_Cyrl", "cat": "cat_Latn", "ces": "ces_Latn",
    "cmn": "cmn_Hani", "cym": "cym_Latn", "dan": "dan_Latn", "deu": "deu_Latn", "ell": "ell_Grek",
    "epo": "epo_Latn", "est": "ekk_Latn", "fin": "fin_Latn", "fra": "fra_Latn", "guj": "guj_Gujr",
    "heb": "heb_Hebr", "hin": "hin_Deva", "hrv": "hrv_Latn", "hun": "hun_Latn", "hye": "hye_Armn",
    "ind": "ind_Latn", "ita": "ita_Latn", "jav": "jav_Latn", "jpn": "jpn_Jpan", "kan": "kan_Knda",
    "kat": "kat_Geor", "khm": "khm_Khmr", "kor": "kor_Hang", "lat": "lat_Latn", "lav": "lvs_Latn",
    "lit": "lit_Latn", "mal": "mal_Mlym", "mar": "mar_Deva", "mkd": "mkd_Cyrl", "mya": "mya_Mymr",
    "nep": "npi_Deva", "nld": "nld_Latn", "nob": "nob_Latn", "ori": "ory_Orya", "pan": "pan_Guru",
    "pes": "fas_Arab", "pol": "pol_Latn", "por": "por_Latn", "ron": "ron_Latn", "rus": "rus_Cyrl",
    "sin": "sin_Sinh", "slk": "slk_Latn", "slv": "slv_Latn", "sna": "sna_Latn", "spa": "spa_Latn",
    "srp": "srp_Cyrl", "swe": "swe_Latn", "tam": "tam_Taml", "tel": "tel_Telu", "tgl": "fil_Latn",
    "tha": "tha_Thai", "tuk": "tuk_Latn", "tur": "tur_Latn", "ukr": "ukr_Cyrl", "urd": "urd_Arab",
    "uzb": "uzn_Latn", "vie": "vie_Latn", "yid": "ydd_Hebr", "zul": "zul_Latn",
}


def rust_string(s):
    out = []
    for c in s:
        if c in '\\"':
            out.append("\\" + c)
        elif 32 <= ord(c) < 127:
            out.append(c)
        else:
            out.append("\\u{%x}" % ord(c))
    return '"%s"' % "".join(out)


def pairs(values):
    return "[%s]" % ", ".join("(%d, %r)" % (n, float(f)) for n, f in values)


def main():
    root = sys.argv[1]
    rows = []
    for lang, name in sorted(CONFIGS.items()):
        with open(os.path.join(root, "configs", name + ".yml"), encoding="utf-8") as f:
            c = yaml.safe_load(f)
        assert len(c["top_n_grams"]) == 3 and len(c["dup_n_grams"]) == 6, name
        rows.append(
            "    FineWeb2 {\n"
            f"        lang: {rust_string(lang)},\n"
            f"        config: {rust_string(name)},\n"
            f"        dup_line_frac: {float(c['dup_line_frac'])!r},\n"
            f"        top_n_grams: {pairs(c['top_n_grams'])},\n"
            f"        dup_n_grams: {pairs(c['dup_n_grams'])},\n"
            f"        line_punct_thr: {float(c['line_punct_thr'])!r},\n"
            f"        new_line_ratio: {float(c['new_line_ratio'])!r},\n"
            f"        min_avg_word_length: {float(c['min_avg_word_length'])!r},\n"
            f"        max_avg_word_length: {float(c['max_avg_word_length'])!r},\n"
            f"        max_non_alpha_words_ratio: {float(c['max_non_alpha_words_ratio'])!r},\n"
            f"        stop_words: &[{', '.join(rust_string(str(w)) for w in c['stopwords'])}],\n"
            "    },\n"
        )
    source = (
        "//! FineWeb-2's per-language limits and stop words (huggingface/fineweb-2,\n"
        "//! `configs/{lang}_{Script}.yml`, Apache-2.0; Penedo et al., \"FineWeb2: One Pipeline to\n"
        "//! Scale Them All\", arXiv:2506.20920, 2025), for each language tamis detects. Written by\n"
        "//! `scripts/fineweb2_thresholds.py`; do not edit.\n\n"
        "use super::fineweb2::FineWeb2;\n\n"
        "/// One row per language, sorted by `lang`.\n"
        "pub(super) const TABLE: &[FineWeb2] = &[\n" + "".join(rows) + "];\n"
    )
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "quality", "fineweb2_table.rs")
    with open(out, "w", encoding="utf-8") as f:
        f.write(source)
    print("wrote %s (%d languages)" % (out, len(rows)))


if __name__ == "__main__":
    main()
