//! FineWeb-2's limits for a language, applied as its pipeline applies them
//! (`fineweb-2-pipeline.py`): Gopher repetition with the language's line and n-gram limits and
//! the paragraph and line-character rules off; FineWeb with the language's punctuation and
//! line-feed limits, the short-line rule off and repeated line characters up to 0.1; Gopher
//! quality with the language's word lengths, letter share and stop words (two needed).

use super::QualityFilters;
use super::fineweb2_table::TABLE;

/// One language's row of FineWeb-2's configurations.
#[derive(Debug)]
pub(super) struct FineWeb2 {
    /// The language, as tamis' language stage names it (ISO 639-3).
    pub lang: &'static str,
    /// FineWeb-2's configuration it comes from (`fra_Latn`).
    pub config: &'static str,
    pub dup_line_frac: f64,
    pub top_n_grams: [(usize, f64); 3],
    pub dup_n_grams: [(usize, f64); 6],
    pub line_punct_thr: f64,
    pub new_line_ratio: f64,
    pub min_avg_word_length: f64,
    pub max_avg_word_length: f64,
    pub max_non_alpha_words_ratio: f64,
    pub stop_words: &'static [&'static str],
}

/// FineWeb-2's rows, one per language, sorted by language.
pub(super) fn rows() -> &'static [FineWeb2] {
    TABLE
}

/// The languages FineWeb-2's limits are built in for, and the configuration each comes from.
pub fn fineweb2_languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLE.iter().map(|row| (row.lang, row.config))
}

impl FineWeb2 {
    /// `filters` with this language's limits, as FineWeb-2's pipeline sets them.
    pub(super) fn apply(&self, filters: &mut QualityFilters) {
        let repetition = &mut filters.gopher_repetition;
        repetition.dup_para_frac = 0.0;
        repetition.dup_para_char_frac = 0.0;
        repetition.dup_line_char_frac = 0.0;
        repetition.dup_line_frac = self.dup_line_frac;
        repetition.top_n_grams = self.top_n_grams.to_vec();
        repetition.dup_n_grams = self.dup_n_grams.to_vec();
        let fineweb = &mut filters.fineweb_quality;
        fineweb.short_line_thr = 999.0;
        fineweb.char_duplicates_ratio = 0.1;
        fineweb.line_punct_thr = self.line_punct_thr;
        fineweb.new_line_ratio = self.new_line_ratio;
        let gopher = &mut filters.gopher_quality;
        gopher.min_avg_word_length = self.min_avg_word_length;
        gopher.max_avg_word_length = self.max_avg_word_length;
        gopher.min_alpha_words_ratio = self.max_non_alpha_words_ratio;
        gopher.stop_words = self.stop_words.iter().map(|w| w.to_string()).collect();
        gopher.min_stop_words = 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_every_language_has_its_limits() {
        assert!(TABLE.windows(2).all(|w| w[0].lang < w[1].lang));
        assert!(TABLE.len() >= 60);
        for row in TABLE {
            assert!(crate::lang::parse_lang(row.lang).is_ok(), "{}", row.lang);
            assert!(row.stop_words.len() >= 2, "{}", row.lang);
            assert!(
                row.min_avg_word_length < row.max_avg_word_length,
                "{}",
                row.lang
            );
        }
        let row = |lang: &str| rows().iter().find(|row| row.lang == lang);
        let french = row("fra").unwrap();
        assert_eq!(french.config, "fra_Latn");
        assert!(french.stop_words.contains(&"l'"));
        assert!(row("eng").is_none(), "FineWeb-2 has no English");
    }
}
