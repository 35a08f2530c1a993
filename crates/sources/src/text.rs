//! Small HTML fragments (a feed's `content:encoded`, an Atom `content`, a title with
//! entities) → plain paragraphs. Feeds carry article bodies as fragments, not pages, so a
//! readability pass would have nothing to score; block elements become paragraph breaks,
//! `<br>` a line break, `<script>`/`<style>` are dropped, entities are decoded.

/// Paragraphs of an HTML fragment: block elements and `<br><br>` split, whitespace
/// collapsed, empty paragraphs dropped.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut rest = html;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let p = squash(&decode_entities(cur));
        if !p.is_empty() {
            out.push(p);
        }
        cur.clear();
    };
    while let Some(lt) = rest.find('<') {
        cur.push_str(&rest[..lt]);
        rest = &rest[lt..];
        // A comment, or a tag up to its '>'.
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A stray '<' with no tag after it is text.
            cur.push_str(rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() {
            // "a < b" in text, not a tag.
            cur.push('<');
            cur.push_str(tag);
            cur.push('>');
            continue;
        }
        if !closing && matches!(name.as_str(), "script" | "style") {
            let end = format!("</{name}");
            let here = rest;
            let lower = here.to_ascii_lowercase();
            rest = match lower.find(&end) {
                Some(e) => here[e..].find('>').map_or("", |g| &here[e + g + 1..]),
                None => "",
            };
            continue;
        }
        if name == "br" {
            // Two <br> in a row end a paragraph; one is a space.
            let kept = cur.trim_end().len();
            if cur[..kept].ends_with('\u{1}') {
                cur.truncate(kept - 1);
                flush(&mut cur, &mut out);
            } else {
                cur.push('\u{1}');
            }
            continue;
        }
        if is_block(&name) {
            flush(&mut cur, &mut out);
        }
    }
    cur.push_str(rest);
    flush(&mut cur, &mut out);
    out
}

/// The text of a fragment on one line (titles, author names).
pub fn fragment_line(html: &str) -> String {
    fragment_paragraphs(html).join(" ")
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "pre"
            | "hr"
            | "dd"
            | "dt"
    )
}

/// Collapse whitespace (and the `<br>` marker) to single spaces and trim.
pub fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{1}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("rsquo", "\u{2019}"),
    ("lsquo", "\u{2018}"),
    ("rdquo", "\u{201d}"),
    ("ldquo", "\u{201c}"),
    ("sbquo", "\u{201a}"),
    ("bdquo", "\u{201e}"),
    ("ndash", "\u{2013}"),
    ("mdash", "\u{2014}"),
    ("hellip", "\u{2026}"),
    ("laquo", "\u{ab}"),
    ("raquo", "\u{bb}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    ("trade", "\u{2122}"),
    ("deg", "\u{b0}"),
    ("middot", "\u{b7}"),
    ("bull", "\u{2022}"),
    ("times", "\u{d7}"),
    ("euro", "\u{20ac}"),
    ("eacute", "\u{e9}"),
    ("egrave", "\u{e8}"),
    ("aacute", "\u{e1}"),
    ("iacute", "\u{ed}"),
    ("oacute", "\u{f3}"),
    ("uacute", "\u{fa}"),
    ("ntilde", "\u{f1}"),
    ("ouml", "\u{f6}"),
    ("uuml", "\u{fc}"),
    ("auml", "\u{e4}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
    ("shy", ""),
];

/// Decode HTML/XML character references: the XML five, common HTML names, `&#N;`, `&#xH;`.
/// Unknown names stay as written (visible, not silently dropped).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|i| i + 1);
        let (name, consumed) = match end {
            Some(e) if rest[e..].starts_with(';') => (&rest[1..e], e + 1),
            _ => ("", 0),
        };
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            code.and_then(char::from_u32).map(String::from)
        } else {
            NAMED.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        match decoded {
            Some(d) if consumed > 0 => {
                out.push_str(&d);
                rest = &rest[consumed..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_become_paragraphs() {
        let cases: &[(&str, &[&str])] = &[
            ("<p>Satu dua.</p><p>Tiga &amp; empat.</p>", &["Satu dua.", "Tiga & empat."]),
            ("Baris satu<br/>masih satu<br><br>Baris dua", &["Baris satu masih satu", "Baris dua"]),
            ("<div><script>var x = '<p>';</script>Teks <b>tebal</b> di sini</div>", &["Teks tebal di sini"]),
            ("<!-- komentar <p> --><p>Isi&nbsp;berita &#8220;kutip&#x201D;</p>", &["Isi berita \u{201c}kutip\u{201d}"]),
            ("harga 3 < 5 dan &unknown; tetap", &["harga 3 < 5 dan &unknown; tetap"]),
            ("", &[]),
        ];
        for (html, want) in cases {
            assert_eq!(fragment_paragraphs(html), want.to_vec(), "{html}");
        }
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("A&amp;B &lt;p&gt; &#65;&#x42; &bogus &"), "A&B <p> AB &bogus &");
    }
}
