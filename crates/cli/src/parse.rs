//! `warta parse FILE...`: CoNLL-U or plain text in, CoNLL-U with UPOS, HEAD and DEPREL out.

use anyhow::{Context, Result};
use clap::{Args as ClapArgs, ValueEnum};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warta_syntax::conllu::{self, Sentence};
use warta_syntax::{Analyser, Model, Style};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// CoNLL-U when the file is named *.conllu / *.conll or its first word line has 10
    /// tab-separated columns; plain text otherwise.
    Auto,
    Conllu,
    Text,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StyleArg {
    /// GSD conventions for CoNLL-U files whose MISC carries MorphInd analyses (as the older
    /// UD Indonesian-GSD files do); UD (CSUI/PUD) conventions otherwise.
    Auto,
    /// UD Indonesian-CSUI / -PUD conventions (current UD guidelines).
    Ud,
    /// Older UD Indonesian-GSD conventions (compound/flat where CSUI has nmod).
    Gsd,
}

#[derive(ClapArgs)]
pub struct Args {
    /// Input format.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    pub format: Format,
    /// Annotation conventions to follow.
    #[arg(long, value_enum, default_value_t = StyleArg::Auto)]
    pub style: StyleArg,
    /// CoNLL-U or UTF-8 plain-text files (`-` for standard input).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

fn read(path: &Path) -> Result<String> {
    let bytes = if path == Path::new("-") {
        let mut b = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut b)?;
        b
    } else {
        std::fs::read(path)?
    };
    String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
}

fn is_conllu(path: &Path, text: &str) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if matches!(ext, "conllu" | "conll") {
        return true;
    }
    text.lines().map(str::trim_end).find(|l| !l.is_empty() && !l.starts_with('#')).is_some_and(|l| {
        l.split('\t').count() == 10
            && l.split('\t').next().is_some_and(|id| id.starts_with(|c: char| c.is_ascii_digit()))
    })
}

fn style_of(arg: StyleArg, sentences: &[Sentence]) -> Style {
    match arg {
        StyleArg::Ud => Style::Ud,
        StyleArg::Gsd => Style::Gsd,
        StyleArg::Auto => {
            let morphind =
                sentences.iter().flat_map(Sentence::words).any(|w| w.cols[conllu::MISC].contains("MorphInd="));
            if morphind { Style::Gsd } else { Style::Ud }
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let model = Model::embedded();
    let mut analyser = Analyser::new(model);
    let mut out = crate::batch::JsonLines::stdout(false);
    for path in &args.files {
        let name = path.display();
        let text = match read(path) {
            Ok(t) => t,
            Err(e) => {
                out.fail(format_args!("{name}: {e:#}"))?;
                continue;
            }
        };
        let conllu_input = match args.format {
            Format::Conllu => true,
            Format::Text => false,
            Format::Auto => is_conllu(path, &text),
        };
        let mut sentences = Vec::new();
        let mut bad = 0usize;
        if conllu_input {
            for block in conllu::parse_blocks(&text) {
                match block {
                    Ok(s) => sentences.push(s),
                    Err(e) => {
                        out.note(format_args!("{name}:{}: {} (sentence skipped)", e.line, e.message))?;
                        bad += 1;
                    }
                }
            }
        } else {
            let stem = path.file_stem().and_then(|s| s.to_str()).filter(|s| *s != "-").unwrap_or("stdin");
            sentences = warta_syntax::sentences_from_text(&text, stem);
        }
        analyser.style = style_of(args.style, &sentences);
        for s in &mut sentences {
            warta_syntax::annotate(&mut analyser, s);
            write!(out.out(), "{s}").context("writing standard output")?;
        }
        if bad > 0 {
            out.count_failure();
        }
    }
    out.finish()
}
