#!/usr/bin/env python3
"""The datatrove pipeline a corpus builder would write for the job `tamis clean` does, as a peer
for the CPU-time comparison in scripts/perf_table.sh: FTFY → fastText language filter → C4's line
filter → at least 20 words → datatrove's four MinHash stages (signatures, buckets, clusters,
filter; 16 buckets of 8 hashes, 5-grams, 64-bit hashes: the banding tamis uses at threshold 0.8).
Each step runs in LocalPipelineExecutor with one task and one worker, as datatrove's examples do.

  clean  the cleaning stage alone: reader → FTFY → language → C4 → words → writer
  whole  the cleaning stage, then the four MinHash stages on what it kept

datatrove's LanguageFilter downloads fastText's lid.176.bin at run time; these machines have no
network, so the filter is given a stand-in of the same shape (dim 16, character 2- to 4-grams,
2 million buckets: a 128 MB input matrix, as lid.176.bin's), trained here on the sentences of
LANGID.jsonl ({"lang", "text"}) and cached as MODEL. Its cost per document is fastText's for
that shape; its labels are the dev set's 57 languages instead of 176 (the output layer is a
small part of the cost at dimension 16).

usage: .peers/bin/python scripts/datatrove_pipeline.py train MODEL LANGID.jsonl   (once, not timed)
       .peers/bin/python scripts/datatrove_pipeline.py clean|whole INPUT.jsonl WORK_DIR MODEL
needs, in that virtualenv: "datatrove[processing]" orjson spacy ftfy fasttext-numpy2-wheel
"""
import json
import os
import sys
import tempfile


def train(model, langid):
    """Trains the stand-in language model on the dev sentences (not timed)."""
    import fasttext

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        with open(langid, encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                text = " ".join(row["text"].split())
                f.write(f"__label__{row['lang']} {text}\n")
        path = f.name
    try:
        ft = fasttext.train_supervised(input=path, dim=16, minn=2, maxn=4, bucket=2_000_000, epoch=25,
                                       lr=1.0, thread=2, verbose=0)
        ft.save_model(model)
    finally:
        os.unlink(path)


def main(mode, source, work, model):
    from datatrove.pipeline.filters import C4QualityFilter, LambdaFilter, LanguageFilter
    from datatrove.pipeline.formatters import FTFYFormatter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils import lid

    # The MinHash stages and the way each step is run, as scripts/datatrove_minhash.py has them.
    from datatrove_minhash import minhash_stages, run

    # The stand-in model in place of the download (the property datatrove's filter calls).
    from fasttext.FastText import _FastText

    loaded = {}

    def local_model(self):
        if "m" not in loaded:
            loaded["m"] = _FastText(model)
        return loaded["m"]

    lid.FastTextLID.model = property(local_model)

    folder, name = os.path.split(os.path.abspath(source))
    cleaned = f"{work}/cleaned"
    run([JsonlReader(folder, glob_pattern=name, text_key="text", id_key="id"),
         FTFYFormatter(),
         LanguageFilter(),
         C4QualityFilter(),
         LambdaFilter(lambda doc: len(doc.text.split()) >= 20),
         JsonlWriter(cleaned)], 1, work, "clean")
    if mode == "whole":
        minhash_stages(lambda: JsonlReader(cleaned, text_key="text", id_key="id"), work)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "train":
        train(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] in ("clean", "whole"):
        main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
