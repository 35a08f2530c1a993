//! Hostile input: each crash found is kept here as a case that panicked before its fix, and a
//! property test feeds the whole pipeline text made of the characters that broke it (Unicode
//! spaces, dashes, curly quotes, brackets, capitals, digits) to find the next one.
//! Time (quadratic stages) is measured by the `hostile` benchmark, not here.

use crate::support::analyze_str;
use proptest::prelude::*;

/// Every kind of space Unicode has, in the places a sentence splitter looks at.
#[test]
fn unicode_spaces_before_an_abbreviation_do_not_panic() {
    for space in ['\u{a0}', '\u{2009}', '\u{3000}', '\u{202f}', '\u{2002}', '\u{200a}', '\u{205f}', '\u{1680}'] {
        let text = format!(
            "Menteri{space}Dr.{space}Budi{space}Santoso{space}tiba{space}di{space}Medan.{space}Ia{space}\
             bertemu{space}warga{space}pada{space}Senin{space}(3/11/2025).\n"
        );
        let a = analyze_str(&text);
        assert!(!a.body.is_empty(), "{space:?}: the body is kept");
        for e in &a.entities {
            for m in &e.mentions {
                assert_eq!(&text[m.start..m.end], m.text, "{space:?}: mention offsets point at their text");
            }
        }
    }
}

/// A meeting trigger inside an organisation's name ("KTT" in "PT KTT") is not its own subject.
#[test]
fn a_trigger_inside_a_name_does_not_panic() {
    let a = analyze_str("MEDAN - PT KTT menggelar rapat tahunan. PT KTT. Rapat PT KTT di Medan, kata PT KTT.\n");
    assert!(a.body.iter().any(|p| p.contains("PT KTT")));
}

/// Long runs that once overflowed the tagger's scores or tripped slicing.
#[test]
fn long_runs_of_one_character_do_not_panic() {
    for run in ["\"", "(", ")", "A", "1", "-", "…", "“", "."] {
        let text = format!("MEDAN - {} Warga berkumpul.\n", run.repeat(5000));
        let a = analyze_str(&text);
        assert!(a.body.iter().any(|p| p.contains("Warga berkumpul")), "run of {run:?}");
    }
}

/// A very long sentence of names: scores stay finite and every mention is in the text.
#[test]
fn a_long_sentence_of_names_is_tagged() {
    let text = format!("MEDAN - {} datang.\n", ["Budi Santoso", "Siti Aminah"].repeat(3000).join(" dan "));
    let a = analyze_str(&text);
    assert!(a.entities.iter().any(|e| e.name.contains("Budi")), "names are still found");
}

fn risky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Menteri ".to_string()),
        Just("Budi ".to_string()),
        Just("PT ".to_string()),
        Just("KTT ".to_string()),
        Just("kata ".to_string()),
        Just("tidak ".to_string()),
        Just("Senin (20/10/2025) ".to_string()),
        Just("13–9–2023 ".to_string()),
        Just("Dr. ".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\n\n".to_string()),
        Just("JAKARTA - ".to_string()),
        Just("Baca juga: ".to_string()),
        prop::char::range('\u{a0}', '\u{3000}').prop_map(String::from),
        "[A-Za-z0-9 ]{1,12}",
    ];
    prop::collection::vec(piece, 1..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// The whole pipeline returns an analysis for any such text, and every offset it gives
    /// points into the text on character boundaries.
    #[test]
    fn the_pipeline_never_panics(text in risky_text()) {
        // An empty or blank text is refused by decoding, with an error (its own test).
        let Ok(d) = warta_engine::decode(text.as_bytes()) else { return Ok(()) };
        let a = warta_engine::analyze("prop", &d, &warta_engine::Options::default());
        for e in &a.entities {
            for m in &e.mentions {
                prop_assert!(text.get(m.start..m.end).is_some(), "mention {}..{}", m.start, m.end);
            }
        }
        for t in &a.times {
            prop_assert!(text.get(t.start..t.end).is_some(), "time {}..{}", t.start, t.end);
        }
    }
}
