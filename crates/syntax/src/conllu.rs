//! CoNLL-U reading and writing that keeps everything it does not fill: comments, multiword-token
//! ranges (`3-4`), empty nodes (`5.1`) and every column of every word.
//!
//! Only the basic words (integer ids) are tagged and parsed; ranges and empty nodes are echoed
//! as they came.

use crate::types::{Deprel, Upos};
use std::fmt;

/// One line of a sentence block.
// Most lines are words: boxing them would cost an allocation per word for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// `# ...` (kept as written, without the newline).
    Comment(String),
    /// A syntactic word: its ten columns.
    Word(Word),
    /// A multiword-token range line (`6-7\tmenyetujuinya\t_...`), kept as written.
    Range(String),
    /// An empty node (`5.1\t...`), kept as written.
    Empty(String),
}

/// A syntactic word (a line with an integer id). `cols` are the ten CoNLL-U columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub cols: [String; 10],
}

pub const ID: usize = 0;
pub const FORM: usize = 1;
pub const LEMMA: usize = 2;
pub const UPOS: usize = 3;
pub const XPOS: usize = 4;
pub const FEATS: usize = 5;
pub const HEAD: usize = 6;
pub const DEPREL: usize = 7;
pub const DEPS: usize = 8;
pub const MISC: usize = 9;

impl Word {
    /// A word with a form and every other column `_` (id set by the caller).
    pub fn new(id: usize, form: &str) -> Word {
        let mut cols: [String; 10] = Default::default();
        for c in &mut cols {
            *c = "_".to_string();
        }
        cols[ID] = id.to_string();
        cols[FORM] = form.to_string();
        Word { cols }
    }

    pub fn form(&self) -> &str {
        &self.cols[FORM]
    }

    /// The UPOS column, if it holds a universal tag.
    pub fn upos(&self) -> Option<Upos> {
        self.cols[UPOS].parse().ok()
    }

    /// The HEAD column, if it is a number.
    pub fn head(&self) -> Option<u32> {
        self.cols[HEAD].parse().ok()
    }

    /// The DEPREL column, if it is a universal relation (with a known subtype).
    pub fn deprel(&self) -> Option<Deprel> {
        self.cols[DEPREL].parse().ok()
    }

    /// Does MISC say `SpaceAfter=No`?
    pub fn no_space_after(&self) -> bool {
        self.cols[MISC].split('|').any(|f| f == "SpaceAfter=No")
    }
}

/// A sentence block: its lines in order, and the 1-based line number where it starts in its file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub lines: Vec<Line>,
    pub first_line: usize,
}

impl Sentence {
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.lines.iter().filter_map(|l| if let Line::Word(w) = l { Some(w) } else { None })
    }

    pub fn words_mut(&mut self) -> impl Iterator<Item = &mut Word> {
        self.lines.iter_mut().filter_map(|l| if let Line::Word(w) = l { Some(w) } else { None })
    }

    /// The forms of the syntactic words.
    pub fn forms(&self) -> Vec<&str> {
        self.words().map(Word::form).collect()
    }

    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.lines.iter().find_map(|l| match l {
            Line::Comment(c) => {
                let rest = c.strip_prefix('#')?.trim_start();
                let value = rest.strip_prefix(key)?.trim_start().strip_prefix('=')?;
                Some(value.trim())
            }
            _ => None,
        })
    }
}

impl fmt::Display for Sentence {
    /// The block as CoNLL-U, followed by its blank line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            match line {
                Line::Comment(s) | Line::Range(s) | Line::Empty(s) => writeln!(f, "{s}")?,
                Line::Word(w) => writeln!(f, "{}", w.cols.join("\t"))?,
            }
        }
        writeln!(f)
    }
}

/// A malformed line: its 1-based number and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Reads every sentence block of a CoNLL-U text. A block with a malformed line is an error
/// naming the line; reading stops there (the caller decides whether to go on).
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !current.lines.is_empty() {
                finish(&current)?;
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if current.lines.is_empty() {
            current.first_line = n;
        }
        if line.starts_with('#') {
            current.lines.push(Line::Comment(line.to_string()));
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError { line: n, message: format!("{} columns, not 10", cols.len()) });
        }
        let id = cols[ID];
        if let Some((a, b)) = id.split_once('-') {
            let (a, b) = (a.parse::<u32>(), b.parse::<u32>());
            if !matches!((a, b), (Ok(a), Ok(b)) if a >= 1 && a < b) {
                return Err(ConlluError { line: n, message: format!("bad multiword range {id:?}") });
            }
            current.lines.push(Line::Range(line.to_string()));
        } else if let Some((a, b)) = id.split_once('.') {
            if a.parse::<u32>().is_err() || b.parse::<u32>().is_err() {
                return Err(ConlluError { line: n, message: format!("bad empty node id {id:?}") });
            }
            current.lines.push(Line::Empty(line.to_string()));
        } else {
            let expected = current.words().count() + 1;
            if id.parse::<usize>() != Ok(expected) {
                return Err(ConlluError { line: n, message: format!("word id {id:?} where {expected} was expected") });
            }
            if cols[FORM].is_empty() {
                return Err(ConlluError { line: n, message: "empty FORM".into() });
            }
            let cols: [String; 10] = std::array::from_fn(|k| cols[k].to_string());
            current.lines.push(Line::Word(Word { cols }));
        }
    }
    if !current.lines.is_empty() {
        finish(&current)?;
        out.push(current);
    }
    Ok(out)
}

/// Reads sentence blocks one by one: a malformed block is an error naming its line, and the
/// blocks after it are still read.
pub fn parse_blocks(text: &str) -> Vec<Result<Sentence, ConlluError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut block = String::new();
    let mut block_start = 0;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let blank = line.trim().is_empty();
        if !blank {
            if block.is_empty() {
                block_start = i;
            }
            block.push_str(line);
            block.push('\n');
        }
        if (blank || i + 1 == lines.len()) && !block.is_empty() {
            out.extend(parse(&block).map(|v| v.into_iter().next()).transpose().map(|r| {
                r.map(|mut s| {
                    s.first_line += block_start;
                    s
                })
                .map_err(|mut e| {
                    e.line += block_start;
                    e
                })
            }));
            block.clear();
        }
    }
    out
}

/// Checks a finished block: at least one word, heads (when given) in range.
fn finish(s: &Sentence) -> Result<(), ConlluError> {
    let n = s.words().count();
    if n == 0 {
        // A block of comments only (e.g. `# newdoc`) is kept; nothing to parse in it.
        return Ok(());
    }
    for (k, line) in s.lines.iter().enumerate() {
        if let Line::Word(w) = line
            && w.cols[HEAD] != "_"
            && !matches!(w.head(), Some(h) if (h as usize) <= n)
        {
            let line_no = s.first_line + k;
            return Err(ConlluError {
                line: line_no,
                message: format!("HEAD {:?} out of range 0..={n}", w.cols[HEAD]),
            });
        }
    }
    Ok(())
}

/// Writes sentences as CoNLL-U.
pub fn write(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        s.push_str(&sent.to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = t1\n# sent_id = a-1\n# text = Rumahnya besar.\n\
1-2\tRumahnya\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tRumah\trumah\tNOUN\t_\t_\t3\tnsubj\t_\t_\n\
2\tnya\tnya\tPRON\t_\t_\t1\tnmod:poss\t_\t_\n\
3\tbesar\tbesar\tADJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n\
3.1\tada\t_\t_\t_\t_\t_\t_\t3:dep\t_\n\
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip_keeps_comments_ranges_and_empty_nodes() {
        let sents = parse(SAMPLE).unwrap();
        assert_eq!(sents.len(), 1);
        let s = &sents[0];
        assert_eq!(s.forms(), ["Rumah", "nya", "besar", "."]);
        assert_eq!(s.comment("sent_id"), Some("a-1"));
        assert_eq!(s.comment("text"), Some("Rumahnya besar."));
        assert!(matches!(&s.lines[3], Line::Range(r) if r.starts_with("1-2\tRumahnya")));
        assert!(s.lines.iter().any(|l| matches!(l, Line::Empty(e) if e.starts_with("3.1\t"))));
        assert_eq!(write(&sents), SAMPLE);
        let w: Vec<&Word> = s.words().collect();
        assert_eq!(w[1].deprel().unwrap().to_string(), "nmod:poss");
        assert_eq!(w[2].head(), Some(0));
        assert!(w[2].no_space_after());
    }

    #[test]
    fn malformed_lines_are_named() {
        let e = parse("1\tA\t_\t_\t_\t_\t0\troot\t_\t_\n3\tB\t_\t_\t_\t_\t1\tdep\t_\t_\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("# x\n1\tA\t_\t_\n").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (2, "4 columns, not 10"));
        let e = parse("1\tA\t_\t_\t_\t_\t5\troot\t_\t_\n\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("HEAD"));
    }

    #[test]
    fn blocks_after_a_bad_one_are_still_read() {
        let text = "1\tA\t_\t_\t_\t_\t0\troot\t_\t_\n\n# c\n1\tB\t_\n\n1\tC\t_\t_\t_\t_\t_\t_\t_\t_\n";
        let blocks = parse_blocks(text);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].as_ref().unwrap().forms(), ["A"]);
        assert_eq!(blocks[1].as_ref().unwrap_err().line, 4);
        let c = blocks[2].as_ref().unwrap();
        assert_eq!((c.forms(), c.first_line), (vec!["C"], 6));
    }

    #[test]
    fn windows_newlines_and_missing_final_blank_line() {
        let sents = parse("1\tA\t_\t_\t_\t_\t0\troot\t_\t_\r\n2\tB\t_\t_\t_\t_\t1\tdep\t_\t_").unwrap();
        assert_eq!(sents[0].forms(), ["A", "B"]);
    }
}
