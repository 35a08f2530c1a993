//! Pairing quote marks into direct quotes, across the spans of a paragraph and across
//! paragraphs (a quote left open continues into the next paragraph that opens with a quote mark).

use crate::analysis::Span;

pub use crate::doc::Block;

/// A quotation between marks: one part per block it runs over.
#[derive(Debug, Clone)]
pub struct Marked {
    /// From the opening mark to the closing mark (both included), one part per block.
    pub parts: Vec<Span>,
    /// Whether a closing mark was found (otherwise the quote ends at its paragraph's end).
    pub closed: bool,
    /// Whether the marks are single quotes (‘…’).
    pub single: bool,
}

fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}
fn is_single(c: char) -> bool {
    matches!(c, '‘' | '’' | '\'')
}
pub fn is_mark(c: char) -> bool {
    is_double(c) || is_single(c)
}

/// Opening context: start or space/bracket before, a non-space after.
fn open_ctx(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':'))
        && next.is_some_and(|n| !n.is_whitespace())
}
/// Closing context: a non-space before, end or space/punctuation after.
fn close_ctx(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| !p.is_whitespace())
        && next.is_none_or(|n| n.is_whitespace() || (n.is_ascii_punctuation() && n != '\'') || matches!(n, '—' | '–'))
}

/// Every quotation in `blocks` (in order).
pub fn find(text: &str, blocks: &[Block]) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::new();
    // the open double quote: (start of current part, parts so far)
    let mut open: Option<(usize, Vec<Span>)> = None;
    let mut skip: Option<usize> = None;
    for (bi, b) in blocks.iter().enumerate() {
        let s = b.span.of(text);
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut single_open: Option<usize> = None;
        if let Some((start, _)) = open.as_mut() {
            // continuing from the previous block
            *start = b.span.start;
        }
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !is_mark(c) {
                continue;
            }
            let prev = if k == 0 { None } else { Some(chars[k - 1].1) };
            let next = chars.get(k + 1).map(|x| x.1);
            let pos = b.span.start + i;
            if skip == Some(pos) {
                continue;
            }
            let end = pos + c.len_utf8();
            let oc = open_ctx(prev, next);
            let cc = close_ctx(prev, next);
            if is_double(c) {
                match open.take() {
                    None => {
                        if oc || (matches!(c, '“' | '«' | '„') && !cc) {
                            open = Some((pos, Vec::new()));
                        }
                    }
                    Some((start, mut parts)) => {
                        if cc || (matches!(c, '”' | '»') && !oc) {
                            parts.push(Span::new(start, end));
                            out.push(Marked { parts, closed: true, single: false });
                        } else {
                            // a new opener while one is open: the earlier one was never closed
                            parts.push(Span::new(start, pos));
                            out.push(Marked { parts, closed: false, single: false });
                            open = Some((pos, Vec::new()));
                        }
                    }
                }
            } else if open.is_none() {
                // single quotes only at top level; an apostrophe between letters is no mark
                let letters = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
                if letters {
                    continue;
                }
                match single_open {
                    None if oc && c != '’' => single_open = Some(pos),
                    Some(st) if cc && c != '‘' => {
                        out.push(Marked { parts: vec![Span::new(st, end)], closed: true, single: true });
                        single_open = None;
                    }
                    _ => {}
                }
            }
        }
        // end of block with a double quote open
        if let Some((start, mut parts)) = open.take() {
            parts.push(Span::new(start, b.span.end));
            let next_block = blocks.get(bi + 1);
            let continues = next_block.is_some_and(|nb| {
                nb.para == b.para || nb.span.of(text).trim_start().starts_with(|c: char| is_double(c))
            });
            if continues {
                let nb = next_block.expect("checked");
                if nb.para != b.para {
                    // a new paragraph opening with a mark: that mark continues this quote
                    let t = nb.span.of(text);
                    skip = Some(nb.span.start + (t.len() - t.trim_start().len()));
                }
                open = Some((nb.span.start, parts));
            } else {
                out.push(Marked { parts, closed: false, single: false });
            }
        }
    }
    out
}
