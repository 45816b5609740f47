"""One string at a time, or a list in parallel."""

import pytest

import tamis

MESSY_FR = "Il a dit : \"C'est fini\" cafÃ©... L&#39;été&nbsp;arrive"


def test_normalize_repairs_and_typesets_french():
    assert tamis.normalize(MESSY_FR, lang="fr") == (
        "Il a dit\u00a0: «\u00a0C’est fini\u00a0» café… L’été\u00a0arrive"
    )


def test_normalize_plain_and_keep_policies():
    plain = tamis.normalize("L’été « chaud »", lang="fr", typography="plain")
    assert plain == "L'été \"chaud\""
    kept = tamis.normalize("cafÃ© « chaud »", lang="fr", typography="keep")
    assert kept == "café « chaud »"


def test_normalize_detects_the_language_when_not_given():
    german = "Die Stadt hat am Montag beschlossen, dass die \"neue Brücke\" im Mai eröffnet wird."
    assert "„neue Brücke“" in tamis.normalize(german)


def test_bad_settings_are_config_errors_with_the_library_message():
    with pytest.raises(tamis.ConfigError, match="native"):
        tamis.normalize("x", typography="fancy")
    with pytest.raises(tamis.ConfigError, match="klingon"):
        tamis.normalize("x", lang="klingon")
    assert issubclass(tamis.ConfigError, tamis.TamisError)


def test_batch_calls_give_what_the_single_calls_give():
    texts = [
        MESSY_FR,
        "The council said \"yes\" -- twice...",
        "Москва - столица России, \"сказал\" он.",
        "",
        "東京は日本の首都です。",
    ]
    assert tamis.normalize_batch(texts) == [tamis.normalize(t) for t in texts]
    langs = ["fr", "en", None, None, "ja"]
    assert tamis.normalize_batch(texts, langs, "plain") == [
        tamis.normalize(t, lang=l, typography="plain") for t, l in zip(texts, langs)
    ]
    assert tamis.detect_batch(texts) == [tamis.detect(t) for t in texts]
    with pytest.raises(tamis.ConfigError, match="one language"):
        tamis.normalize_batch(texts, ["fr"])


def test_detect_names_the_language_its_script_and_confidence():
    d = tamis.detect("Le conseil municipal a voté le budget mardi soir, après trois heures de débat.")
    assert (d.lang, d.lang_short, d.script) == ("fra", "fr", "Latin")
    assert 0 < d.confidence <= 1
    assert tamis.detect("Москва — столица России и крупнейший город страны.").lang == "rus"
    assert tamis.detect("12 345").lang == "und"
    assert tamis.detect("").script is None


def test_strip_boilerplate_returns_the_text_and_each_removal():
    page = (
        "Les vendanges ont commencé lundi dans le Médoc, avec deux semaines d’avance.\n"
        "© Photo. AFP Lire aussi : la grêle a touché 3 000 hectares\n"
        "Partager sur Facebook | Twitter\n"
        "Les viticulteurs attendent une récolte abondante."
    )
    text, removals = tamis.strip_boilerplate(page, lang="fr")
    assert text.startswith("Les vendanges") and text.endswith("abondante.")
    assert "Partager" not in text and "© Photo" not in text
    assert [r.line for r in removals] == [2, 3]
    assert {r.kind for r in removals} <= {"photo_credit", "read_also", "share"}
    assert all(r.rule and r.text for r in removals)
    assert tamis.strip_boilerplate_batch([page, "Rien à retirer ici."], ["fr", None]) == [
        tamis.strip_boilerplate(page, "fr"),
        tamis.strip_boilerplate("Rien à retirer ici."),
    ]


def test_fold_is_the_comparison_key():
    assert tamis.fold("L’Élysée, « 2019 »") == tamis.fold("l'elysee 2020")
    assert tamis.fold("Élysée", strip_accents=False) == "élysée"


def test_language_code_reads_names_as_people_write_them():
    assert {tamis.language_code(n) for n in ("fr", "fra", "French", "français")} == {"fra"}
    with pytest.raises(tamis.ConfigError):
        tamis.language_code("elvish")
