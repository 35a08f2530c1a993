//! Main text of a page from one light tree ([`crate::tree::Tree`]), in a few linear passes.
//!
//! 1. **Blocks.** One walk over the tree turns every run of inline content (text and inline
//!    elements such as `<a>`, `<b>`, `<span>`, with `<br>` as a line break) inside a block
//!    element into a text block owned by that element. `<p>` paragraphs, `<div>` soup with
//!    `<br>` paragraphs and bare text between blocks all become blocks the same way. Markup
//!    that is never article text is not entered: scripts, forms' controls, `<nav>`, `<aside>`,
//!    `<footer>`, `<header>`, hidden elements, ARIA navigation/complementary roles, and
//!    elements whose class or id says they are comments, sharing, related links, menus,
//!    sidebars, ads and the like (unless it also says article/content/main).
//! 2. **Counts.** A bottom-up pass gives every element its visible characters, characters
//!    inside links, commas and its numbers of paragraphs, images, list items, inputs, embeds.
//! 3. **Container.** Readability's scoring, in one pass over the blocks: each block of 25+
//!    characters scores 1 + commas + length/100 (at most 3) for the element holding it, half
//!    for the next ancestor and a third of a level for those above; elements start from a
//!    tag prior and a class/id weight (article, content, post, entry… vs comment, share,
//!    related, sidebar, ad…); the score is scaled by 1 − link density. The best element wins;
//!    if most of the strong candidates share an ancestor, the ancestor wins (an article split
//!    over several containers).
//! 4. **Siblings.** Siblings of the winner join it when they score well or are plain text
//!    paragraphs with few links.
//! 5. **Cleaning.** Inside the chosen elements, a list, table, div or section is dropped when
//!    its numbers say it is not prose (readability's conditional cleaning: link density, more
//!    list items or images than paragraphs, little text, inputs, embeds).
//!
//! If the result is short (under 500 characters) the pass is repeated with fewer of these
//! filters and the longest result kept, as readability does.

use crate::tree::{BLOCK, Data, NONE, NodeId, Tree};

/// The main text of a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MainText {
    /// Paragraphs in page order, whitespace collapsed.
    pub paragraphs: Vec<String>,
    /// Figure captions (`<figcaption>`), kept apart from the paragraphs, without repeats.
    pub captions: Vec<String>,
    /// What was taken out from inside the article's container, with the reason, in page
    /// order (chrome outside the container is not listed).
    pub dropped: Vec<Dropped>,
}

/// Why a piece inside the article's container is not body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Teasers for other pages: a block opened by "Baca juga" / "Berita terkait" / "Related",
    /// or named so (`related`, `baca-juga`, `terpopuler`, `recommended`).
    Related,
    /// An advertisement or sponsored slot (`ads`, `iklan`, `sponsor`, `promo`, `banner`).
    Advertisement,
    /// A newsletter or subscription box.
    Newsletter,
    /// Share buttons and social prompts.
    Share,
    /// Comments.
    Comments,
    /// Page links of a multi-page article ("Halaman selanjutnya", "1 2 3").
    Pagination,
    /// A prompt for a video ("Simak Video …", "Saksikan …", "Tonton juga …").
    VideoPrompt,
    /// A run that is mostly link text (tag lists, "next story", menus).
    LinkList,
    /// A list, table or box whose numbers say it is not prose (readability's conditional
    /// cleaning: link density, images, inputs, little text).
    NotProse,
    /// The headline repeated at the top of the text.
    Title,
    /// Other page chrome named by its class or id (menus, sidebars, bylines, cookie notices).
    Chrome,
}

/// One piece taken out of the article's container.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Dropped {
    pub reason: DropReason,
    /// Its text, whitespace collapsed.
    pub text: String,
}

/// The reason for an element skipped for its class or id, from those names.
fn reason_by_name(tree: &Tree, id: NodeId) -> DropReason {
    let names =
        format!("{} {}", tree.attr(id, "class").unwrap_or(""), tree.attr(id, "id").unwrap_or("")).to_ascii_lowercase();
    let has = |ps: &[&str]| ps.iter().any(|p| names.contains(p));
    if has(&["newsletter", "subscribe", "langganan"]) {
        DropReason::Newsletter
    } else if has(&["comment", "disqus", "replies", "komentar"]) {
        DropReason::Comments
    } else if has(&["pagination", "pager", "paging"]) {
        DropReason::Pagination
    } else if has(&[
        "related",
        "terkait",
        "baca-juga",
        "bacajuga",
        "recommend",
        "popular",
        "populer",
        "trending",
        "outbrain",
        "taboola",
    ]) {
        DropReason::Related
    } else if has(&["share", "sharing", "social"]) {
        DropReason::Share
    } else if has(&["-ad-", "ads", "advert", "iklan", "sponsor", "promo", "banner", "skyscraper"]) {
        DropReason::Advertisement
    } else {
        DropReason::Chrome
    }
}

/// A short copyright line ("COPYRIGHT © ANTARA 2025", "© 2024 Kabar Kota", "Hak cipta …").
fn copyright(line: &str) -> bool {
    if line.len() > 150 {
        return false;
    }
    let l = line.trim_start().to_lowercase();
    l.starts_with("copyright") || l.starts_with('©') || l.starts_with("(c) ") || l.starts_with("hak cipta")
}

/// A line that opens a comment section: "Post a comment", "Leave a reply", "Comments are
/// closed", "Tulis komentar", "12 comments" (the whole line, a colon or full stop allowed).
fn comments_heading(line: &str) -> bool {
    if line.len() > 60 {
        return false;
    }
    let l = line.trim().trim_end_matches([':', '.', '!']).to_lowercase();
    let l = l.trim();
    const OPEN: &[&str] = &[
        "post a comment",
        "leave a comment",
        "leave a reply",
        "add a comment",
        "add your comment",
        "write a comment",
        "tulis komentar",
        "kirim komentar",
        "berikan komentar",
    ];
    if OPEN.contains(&l) || l.starts_with("comments are closed") || l.starts_with("comments are now closed") {
        return true;
    }
    // "12 comments", "3 komentar", "1 response".
    let mut w = l.split_whitespace();
    matches!(
        (w.next(), w.next(), w.next()),
        (Some(n), Some("comments" | "comment" | "komentar" | "responses" | "response" | "replies"), None)
            if n.chars().all(|c| c.is_ascii_digit())
    )
}

/// A short line that asks the reader to watch a video ("Simak Video \"…\"", "Saksikan juga:",
/// "Tonton video …"): not a sentence of the article.
fn video_prompt(line: &str) -> bool {
    if line.len() > 200 {
        return false;
    }
    let mut words = line.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
    let (Some(a), Some(b)) = (words.next(), words.next()) else { return false };
    matches!(a.as_str(), "simak" | "saksikan" | "tonton")
        && matches!(b.as_str(), "video" | "juga" | "live" | "selengkapnya" | "siaran")
        && !line.trim_end().ends_with(['.', '?', '!'])
}

const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "img", "ins", "kbd", "label", "mark", "nobr", "picture", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u", "var", "wbr", "source", "abbr", "output", "meter", "progress",
];

/// Elements never entered: not article text.
const NEVER: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "head",
    "title",
    "meta",
    "link",
    "aside",
    "footer",
    "header",
    "dialog",
    "menu",
    "figcaption",
    "audio",
    "video",
    "map",
    "frameset",
    "noembed",
    "noframes",
    "xmp",
];

const ROLES_NEVER: &[&str] =
    &["navigation", "complementary", "banner", "contentinfo", "menu", "menubar", "alert", "dialog", "search"];

/// Class/id fragments of page parts that are not the article (readability's list, plus
/// common news-site names).
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "newsletter",
    "subscribe",
    "cookie",
    "share",
    "sharing",
    "recommend",
    "trending",
    "popular",
    "terpopuler",
    "terkait",
    "baca-juga",
    "bacajuga",
    "outbrain",
    "taboola",
    "promo",
    "modal",
    "byline",
];
/// Class/id fragments of parts that are never the article, whatever the pass.
const STRONG_CHROME: &[&str] = &["comment", "disqus", "trackback", "respond", "footer", "sidebar", "captcha"];
/// …unless the class/id also says it may hold the article.
const MAYBE: &[&str] = &["article", "body", "column", "content", "main", "mathjax", "shadow"];

const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "byline",
    "author",
    "caption",
    "newsletter",
    "subscribe",
    "taboola",
    "nav",
];
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
    "detail",
    "isi",
    "berita",
];

#[derive(Clone, Copy)]
struct Filters {
    unlikely: bool,
    weights: bool,
    clean: bool,
}

/// One run of inline content inside a block element.
struct Block {
    owner: NodeId,
    text: String,
    chars: u32,
    link_chars: u32,
    commas: u32,
}

#[derive(Clone, Copy, Default)]
struct Counts {
    chars: u32,
    link_chars: u32,
    commas: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    /// Headings (`<h2>` to `<h6>`).
    headings: u32,
    /// Characters in runs shaped like sentences of prose (see [`sentence_like`]).
    prose: u32,
    /// The element holds block children (so its own inline runs are virtual paragraphs).
    has_block: bool,
    entered: bool,
}

/// Extract the main text of a parsed page.
pub fn extract(tree: &Tree) -> MainText {
    let body = tree.elements("body").next().unwrap_or(0);
    let mut best: Option<(usize, MainText, Linked)> = None;
    let hints = Hints::new(tree);
    let related = related_context(tree, &hints);
    let holds_content = holds_content(tree, &hints);
    let headline = headline(tree, body);
    // The first pass's short result, when its container follows the page's headline.
    let mut anchored = false;
    for filters in [
        Filters { unlikely: true, weights: true, clean: true },
        Filters { unlikely: false, weights: true, clean: true },
        Filters { unlikely: false, weights: false, clean: true },
        Filters { unlikely: false, weights: false, clean: false },
    ] {
        let (out, top, linked) = attempt(tree, &hints, body, filters, &related, &holds_content);
        let chars: usize = out.paragraphs.iter().map(|p| p.chars().count()).sum();
        let near = top.is_some_and(|t| headline.is_some_and(|h| follows_headline(tree, h, t)));
        // The first pass's container follows the headline, or holds it a few levels down.
        let anchor = near || top.is_some_and(|t| headline.is_some_and(|h| holds_headline(tree, h, t)));
        if filters.unlikely && anchor && chars > 0 {
            anchored = true;
        } else if anchored && !near {
            // A longer text away from the headline (an "about" box, a sidebar) found by a
            // relaxed pass does not replace the short article under the headline.
            continue;
        }
        if best.as_ref().is_none_or(|(c, _, _)| chars > *c) {
            best = Some((chars, out, linked));
        }
        if chars >= 500 {
            break;
        }
    }
    let mut m = match best {
        Some((_, mut m, linked)) => {
            restore_link_entries(&mut m, linked);
            m
        }
        None => MainText::default(),
    };
    data_tables_instead(tree, &hints, &mut m);
    m
}

/// The article's headline on the page: the first `<h1>`–`<h3>` whose text is the page's
/// title, or its start or end (the part beside the site's name); the longest such.
fn headline(tree: &Tree, body: NodeId) -> Option<NodeId> {
    let titles = page_titles(tree);
    if titles.is_empty() {
        return None;
    }
    let mut best: Option<(usize, NodeId)> = None;
    for id in body..tree.nodes.len() as NodeId {
        if !matches!(tree.name(id), Some("h1" | "h2" | "h3")) {
            continue;
        }
        let text = crate::tree::squash(&tree.text(id));
        if text.len() < 10 || text.len() > 300 {
            continue;
        }
        let l = norm(&text);
        // The title itself, or its start or end next to the site's name ("Blog: Title").
        let matches = titles.iter().any(|t| {
            t.starts_with(&l) && !t[l.len()..].starts_with(|c: char| c.is_alphanumeric())
                || t.ends_with(&l) && !t[..t.len() - l.len()].ends_with(|c: char| c.is_alphanumeric())
        });
        // The longest match: the site's name alone (a logo heading) also starts the title.
        if matches && best.is_none_or(|(n, _)| l.len() > n) {
            best = Some((l.len(), id));
        }
    }
    best.map(|(_, id)| id)
}

/// Does the element `top` come after the headline `h` in the same part of the page: after it
/// in page order, their nearest common ancestor at most three levels above the headline and
/// below `<body>`?
fn follows_headline(tree: &Tree, h: NodeId, top: NodeId) -> bool {
    if top < h && !is_ancestor(tree, top, h) {
        return false;
    }
    let mut a = h;
    for _ in 0..3 {
        a = tree.nodes[a as usize].parent;
        if a == NONE || matches!(tree.name(a), None | Some("body" | "html")) {
            return false;
        }
        if is_ancestor(tree, a, top) {
            return true;
        }
    }
    false
}

/// Does the element `top` hold the headline `h` at most five levels down, below `<body>` (a
/// blog's list of posts around its one post, the post's title inside it)?
fn holds_headline(tree: &Tree, h: NodeId, top: NodeId) -> bool {
    let mut a = h;
    for _ in 0..5 {
        a = tree.nodes[a as usize].parent;
        if a == NONE || matches!(tree.name(a), None | Some("body" | "html")) {
            break;
        }
        if a == top {
            return true;
        }
    }
    false
}

/// What the tag lists say of an element: never text, laid out as a block.
const K_NEVER: u8 = 1;
const K_BLOCK: u8 = 2;

fn tag_kind(tag: u16, name: &str) -> u8 {
    fn of(name: &str) -> u8 {
        let mut k = 0;
        if NEVER.contains(&name) {
            k |= K_NEVER;
        }
        if !INLINE.contains(&name) || BLOCK.contains(&name) {
            k |= K_BLOCK;
        }
        k
    }
    // Once per name in the tag table, by id; other names (custom elements) are looked up.
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    if tag == 0 {
        return of(name);
    }
    TABLE.get_or_init(|| std::iter::once(0).chain(crate::tree::tag_names().iter().map(|n| of(n))).collect())
        [tag as usize]
}

const H_UNLIKELY: u16 = 1;
const H_MAYBE: u16 = 2;
const H_NEGATIVE: u16 = 4;
const H_POSITIVE: u16 = 8;
const H_CAPTION: u16 = 16;
const H_TEASER: u16 = 32;

/// What is known about each element that does not depend on the pass: what its class and
/// id say, whether it is never text, a caption, a block. Read once per element on first use
/// (many elements are never asked about: they sit in skipped subtrees).
struct Hints<'t> {
    tree: &'t Tree<'t>,
    cache: Vec<std::cell::Cell<u16>>,
}

/// Never article text: a `NEVER` tag, hidden, an ARIA chrome role, metadata by itemprop.
const H_NEVER: u16 = 64;
/// A figure or an element named as a caption or credit.
const H_CAPTION_EL: u16 = 256;
/// Laid out as a block (not an inline element).
const H_BLOCK: u16 = 512;
/// Skipped by the "unlikely" filter: named like chrome, not like content, not a landmark.
const H_UNLIKELY_SKIP: u16 = 1024;
/// Named as comments, a footer or a sidebar (and not also as content): skipped in every pass,
/// also the relaxed ones (a short article must not give way to its comment thread).
const H_CHROME_SKIP: u16 = 2048;
const H_CHROME: u16 = 4096;
const H_KNOWN: u16 = 32768;

impl<'t> Hints<'t> {
    fn new(tree: &'t Tree<'t>) -> Self {
        Hints { tree, cache: vec![std::cell::Cell::new(0); tree.nodes.len()] }
    }

    fn get(&self, id: NodeId) -> u16 {
        let c = &self.cache[id as usize];
        if c.get() & H_KNOWN == 0 {
            c.set(self.compute(id) | H_KNOWN);
        }
        c.get() & !H_KNOWN
    }

    fn compute(&self, id: NodeId) -> u16 {
        let tree = self.tree;
        let Some(name) = tree.name(id) else { return 0 };
        let kind = tag_kind(tree.tag(id), name);
        let mut h = 0;
        // One pass over the attributes. Class and id are matched one after the other (no
        // pattern holds a space, so this finds what matching "class id" would), ASCII case
        // ignored by the automaton.
        let mut never = kind & K_NEVER != 0;
        if let Data::Element { attrs, .. } = &tree.nodes[id as usize].data {
            for (k, v) in attrs {
                match &**k {
                    "class" | "id" => {
                        let (ac, bits) = name_patterns();
                        for m in ac.find_overlapping_iter(&**v) {
                            h |= bits[m.pattern().as_usize()];
                        }
                    }
                    _ => never = never || never_by_attr(k, v, name),
                }
            }
        }
        // An `<aside>` named as the article's container (`<aside class="blogPost">`, a theme's
        // misuse of the element) is read like a `<div>`.
        if never
            && kind & K_NEVER != 0
            && name == "aside"
            && h & H_POSITIVE != 0
            && h & (H_NEGATIVE | H_UNLIKELY | H_CHROME) == 0
        {
            never = false;
        }
        if never {
            h |= H_NEVER;
        }
        if name == "figcaption" || is_caption(tree, h, id, name) {
            h |= H_CAPTION_EL;
        }
        if kind & K_BLOCK != 0 {
            h |= H_BLOCK;
        }
        if h & (H_UNLIKELY | H_MAYBE) == H_UNLIKELY && !matches!(name, "body" | "a" | "article" | "main" | "html") {
            h |= H_UNLIKELY_SKIP;
        }
        if h & (H_CHROME | H_MAYBE) == H_CHROME && !matches!(name, "body" | "a" | "article" | "main" | "html") {
            h |= H_CHROME_SKIP;
        }
        h
    }
}

/// One automaton over every class/id fragment list, with the hint bit of each pattern.
fn name_patterns() -> &'static (aho_corasick::AhoCorasick, Vec<u16>) {
    static P: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<u16>)> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let mut pats: Vec<&str> = Vec::new();
        let mut bits: Vec<u16> = Vec::new();
        for (list, bit) in [
            (UNLIKELY, H_UNLIKELY),
            (MAYBE, H_MAYBE),
            (NEGATIVE, H_NEGATIVE),
            (POSITIVE, H_POSITIVE),
            (&["caption", "credit"][..], H_CAPTION),
            (&["related", "recommend", "popular"][..], H_TEASER),
            (STRONG_CHROME, H_CHROME),
        ] {
            for p in list {
                pats.push(p);
                bits.push(bit);
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&pats);
        (ac.expect("class-name patterns"), bits)
    })
}

/// Class/id weight: −25 for names of chrome, +25 for names of article containers.
fn weight(hints: &Hints, id: NodeId) -> f64 {
    let h = hints.get(id);
    let mut w = 0.0;
    if h & H_NEGATIVE != 0 {
        w -= 25.0;
    }
    if h & H_POSITIVE != 0 {
        w += 25.0;
    }
    w
}

/// Does this attribute make its element never article text: hidden (`hidden`, a style
/// hiding it), an ARIA chrome role, or article metadata marked up by itemprop (the date and
/// byline lines above a story)?
fn never_by_attr(key: &str, value: &str, name: &str) -> bool {
    match key {
        "hidden" => true,
        "style" => {
            // Only a style that says "none" or "hidden" can hide.
            let b = value.as_bytes();
            let may = b.windows(4).any(|w| w.eq_ignore_ascii_case(b"none"))
                || b.windows(6).any(|w| w.eq_ignore_ascii_case(b"hidden"));
            may && {
                let s: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                s.contains("display:none") || s.contains("visibility:hidden")
            }
        }
        "itemprop" => {
            name != "meta"
                && ["datepublished", "datemodified", "datecreated", "author", "publisher", "keywords"]
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(value.trim()))
        }
        "role" => ROLES_NEVER.iter().any(|r| r.eq_ignore_ascii_case(value.trim())),
        _ => false,
    }
}

/// A `<figure>`, or an element that holds a photo caption or credit by its class or id
/// (`caption`, `newsCaption`, `photo-credit`), not a container that merely has one.
fn is_caption(tree: &Tree, h: u16, id: NodeId, name: &str) -> bool {
    if name == "figure" {
        // A figure's own text is its caption and credit (unless the figure wraps prose).
        return tree.text(id).len() < 400;
    }
    if matches!(name, "body" | "article" | "main" | "html") {
        return false;
    }
    h & (H_CAPTION | H_MAYBE) == H_CAPTION && tree.text(id).len() < 400
}

/// For every element: does it hold (strictly inside) an element that looks like the article's
/// container: `<article>`, `<main>`, or a class/id named like content and not like chrome? A
/// wrapper named after a sidebar or comments that holds one ("with-sidebar", a sticky-sidebar
/// column around the post) is layout, not chrome.
fn holds_content(tree: &Tree, hints: &Hints) -> Vec<bool> {
    let n = tree.nodes.len();
    let mut out = vec![false; n];
    for i in (1..n).rev() {
        let id = i as NodeId;
        let Some(name) = tree.name(id) else { continue };
        let p = tree.nodes[i].parent;
        if p == NONE {
            continue;
        }
        let own = matches!(name, "article" | "main") || {
            let h = hints.get(id);
            h & H_POSITIVE != 0 && h & (H_NEGATIVE | H_CHROME | H_UNLIKELY) == 0
        };
        if out[i] || own {
            out[p as usize] = true;
        }
    }
    out
}

/// What every step of one reading of the page looks at.
struct Pass<'a, 't> {
    tree: &'a Tree<'t>,
    hints: &'a Hints<'t>,
    root: NodeId,
    f: Filters,
    /// Elements inside a block of teasers for other pages.
    related: &'a [bool],
    /// Elements holding the article's likely container ([`holds_content`]).
    holds_content: &'a [bool],
}

/// The text runs of one walk over the page, with what the later steps need.
struct Walk {
    counts: Vec<Counts>,
    blocks: Vec<Block>,
    captions: Vec<String>,
    /// Elements skipped for their class or id (listed with a reason when inside the article).
    skipped: Vec<NodeId>,
}

/// One reading of the page under the filters `f`: 1. the walk into text runs, 2. counts per
/// element, 3. scores and the top element, 4. the siblings that continue it (and repeated
/// units), 5. cleaning and output.
fn attempt(
    tree: &Tree,
    hints: &Hints,
    root: NodeId,
    f: Filters,
    related: &[bool],
    holds_content: &[bool],
) -> (MainText, Option<NodeId>, Linked) {
    let pass = Pass { tree, hints, root, f, related, holds_content };
    let Walk { mut counts, blocks, captions, skipped } = walk(&pass);
    add_counts(tree, &blocks, &mut counts);
    let score = scores(&pass, &blocks, &counts);
    let Some(top) = top_element(&pass, &score, &counts) else {
        return (MainText { paragraphs: Vec::new(), captions, dropped: Vec::new() }, None, Vec::new());
    };
    let mut selected = siblings(&pass, top, &blocks, &counts, &score);
    if f.weights {
        selected.extend(repeated_units(&pass, top, &counts));
    }
    let (paragraphs, dropped, linked) = output(&pass, &selected, &blocks, &counts, &score, skipped);
    (MainText { paragraphs, captions, dropped }, Some(top), linked)
}

/// The link characters per character of an element's text.
fn link_density(counts: &[Counts], id: NodeId) -> f64 {
    let c = &counts[id as usize];
    if c.chars == 0 { 0.0 } else { c.link_chars as f64 / c.chars as f64 }
}

/// Step 1, the walk: blocks of inline content, skipped subtrees not entered.
fn walk(pass: &Pass) -> Walk {
    let Pass { tree, hints, root, f, holds_content, .. } = *pass;
    let mut counts = vec![Counts::default(); tree.nodes.len()];
    let mut blocks: Vec<Block> = Vec::new();
    let mut captions: Vec<String> = Vec::new();
    let mut skipped: Vec<NodeId> = Vec::new();
    let mut owners: Vec<NodeId> = vec![root];
    let mut run = Block { owner: root, text: String::new(), chars: 0, link_chars: 0, commas: 0 };
    let mut link_depth = 0u32;
    let flush = |run: &mut Block, owner: NodeId, blocks: &mut Vec<Block>| {
        if run.chars > 0 {
            let text = std::mem::take(&mut run.text);
            blocks.push(Block { owner, text, chars: run.chars, link_chars: run.link_chars, commas: run.commas });
        }
        run.text.clear();
        run.chars = 0;
        run.link_chars = 0;
        run.commas = 0;
    };
    let mut cur = root;
    'walk: loop {
        // Enter `cur`.
        let mut descend = true;
        match &tree.nodes[cur as usize].data {
            Data::Text(t) => {
                descend = false;
                let mut space = run.text.ends_with([' ', '\n']) || run.text.is_empty();
                // Whitespace runs become one space; the words between are copied whole.
                for (gap, piece, ascii) in Words::new(t) {
                    if gap && !space {
                        run.text.push(' ');
                        space = true;
                    }
                    if piece.is_empty() {
                        continue;
                    }
                    run.text.push_str(piece);
                    space = false;
                    let chars = if ascii { piece.len() } else { piece.chars().count() } as u32;
                    run.chars += chars;
                    if link_depth > 0 {
                        run.link_chars += chars;
                    }
                    run.commas += memchr::memchr_iter(b',', piece.as_bytes()).count() as u32;
                    if chars as usize != piece.len() {
                        run.commas += piece.matches(['，', '、']).count() as u32;
                    }
                }
            }
            Data::Element { name, .. } if cur != root => {
                let name: &str = name;
                let h = hints.get(cur);
                let caption = h & H_CAPTION_EL != 0;
                if caption
                    || h & H_NEVER != 0
                    || (f.unlikely && h & H_UNLIKELY_SKIP != 0)
                    || (h & H_CHROME_SKIP != 0 && !holds_content[cur as usize])
                {
                    descend = false;
                    if !caption && h & H_NEVER == 0 {
                        skipped.push(cur);
                    }
                    if caption {
                        let c = crate::tree::squash(&tree.text(cur));
                        if !c.is_empty() && !captions.contains(&c) {
                            captions.push(c);
                        }
                    }
                } else {
                    counts[cur as usize].entered = true;
                    if name == "br" {
                        run.text.push('\n');
                    } else if h & H_BLOCK != 0 {
                        let owner = *owners.last().unwrap_or(&root);
                        flush(&mut run, owner, &mut blocks);
                        counts[owner as usize].has_block = true;
                        owners.push(cur);
                    } else if name == "a" {
                        link_depth += 1;
                    }
                }
            }
            _ => counts[cur as usize].entered = true,
        }
        let first = tree.nodes[cur as usize].first_child;
        if descend && first != NONE {
            cur = first;
            continue;
        }
        if descend {
            exit(tree, cur, root, &mut owners, &mut run, &mut blocks, &mut link_depth, &flush);
        }
        // Next node: a sibling, or up (leaving elements) until one has a sibling.
        loop {
            if cur == root {
                break 'walk;
            }
            let next = tree.nodes[cur as usize].next_sibling;
            if next != NONE {
                cur = next;
                break;
            }
            cur = tree.nodes[cur as usize].parent;
            exit(tree, cur, root, &mut owners, &mut run, &mut blocks, &mut link_depth, &flush);
            if cur == root {
                break 'walk;
            }
        }
    }
    Walk { counts, blocks, captions, skipped }
}

/// Step 2, counts, bottom-up (children come after their parents in `nodes`).
fn add_counts(tree: &Tree, blocks: &[Block], counts: &mut [Counts]) {
    for b in blocks {
        let c = &mut counts[b.owner as usize];
        c.chars += b.chars;
        c.link_chars += b.link_chars;
        c.commas += b.commas;
        if sentence_like(b) {
            c.prose += b.chars;
        }
    }
    for i in (1..counts.len()).rev() {
        let c = counts[i];
        if !c.entered {
            // Form fields are never entered (they are not text), but readability's rule on
            // forms counts them: a field inside an entered element counts for it.
            let parent = tree.nodes[i].parent;
            if matches!(tree.name(i as NodeId), Some("input" | "select" | "textarea"))
                && tree.attr(i as NodeId, "type").is_none_or(|t| !t.eq_ignore_ascii_case("hidden"))
                && parent != NONE
                && counts[parent as usize].entered
            {
                counts[parent as usize].input += 1;
            }
            continue;
        }
        let mut c = c;
        match tree.name(i as NodeId) {
            Some("p") => c.p += 1,
            Some("img") => c.img += 1,
            Some("li") => c.li += 1,
            Some("input") => c.input += 1,
            Some("embed" | "object" | "iframe") => c.embed += 1,
            Some("h2" | "h3" | "h4" | "h5" | "h6") => c.headings += 1,
            Some("a") => c.link_chars = c.chars,
            _ => {}
        }
        counts[i] = c;
        let parent = tree.nodes[i].parent;
        if parent != NONE && parent as usize != i {
            let p = &mut counts[parent as usize];
            p.chars += c.chars;
            p.link_chars += c.link_chars;
            p.commas += c.commas;
            p.prose += c.prose;
            p.p += c.p;
            p.img += c.img;
            p.li += c.li;
            p.input += c.input;
            p.embed += c.embed;
            p.headings += c.headings;
        }
    }
}

/// Step 3, scores: each run of 25+ characters scores its paragraph's ancestors (less the further
/// up), scaled down by link density and for blocks of teasers. NaN: not a candidate.
fn scores(pass: &Pass, blocks: &[Block], counts: &[Counts]) -> Scores {
    let Pass { tree, hints, root, f, related, .. } = *pass;
    let mut score: Vec<f64> = vec![f64::NAN; tree.nodes.len()];
    let init = |id: NodeId, score: &mut Vec<f64>| {
        if score[id as usize].is_nan() {
            let prior = match tree.name(id) {
                Some("div") => 5.0,
                Some("pre" | "td" | "blockquote") => 3.0,
                Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
                Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
                _ => 0.0,
            };
            score[id as usize] = prior + if f.weights { weight(hints, id) } else { 0.0 };
        }
    };
    let mut candidates: Vec<NodeId> = Vec::new();
    for b in blocks {
        if b.chars < 25 {
            continue;
        }
        let owner_name = tree.name(b.owner).unwrap_or("");
        if matches!(owner_name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "th" | "caption") {
            continue;
        }
        let content = 1.0 + b.commas as f64 + (b.chars as f64 / 100.0).floor().min(3.0);
        // A run inside an element that also holds blocks is a paragraph of its own, so the
        // owner is its parent; otherwise the owner is the paragraph.
        let mut anc = if counts[b.owner as usize].has_block { b.owner } else { tree.nodes[b.owner as usize].parent };
        let mut level = 0;
        while anc != NONE && level < 5 {
            if tree.name(anc).is_none() {
                break;
            }
            if score[anc as usize].is_nan() {
                init(anc, &mut score);
                candidates.push(anc);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[anc as usize] += content / div;
            if anc == root {
                break;
            }
            anc = tree.nodes[anc as usize].parent;
            level += 1;
        }
    }
    for &c in &candidates {
        score[c as usize] *= 1.0 - link_density(counts, c);
        // A block of teasers for other pages ("Related", "You may also like") is not the
        // article, however much text it has.
        if f.weights && related[c as usize] {
            score[c as usize] *= 0.25;
        }
    }
    Scores { score, candidates }
}

/// Every element's score (NaN where none) and the scored elements in the order first scored.
struct Scores {
    score: Vec<f64>,
    candidates: Vec<NodeId>,
}

/// The element holding the article: the best scored, or the ancestor most strong candidates
/// share (an article split over several containers), climbing while the parent scores higher
/// and to the parent of an only child. None when nothing scored.
fn top_element(pass: &Pass, scores: &Scores, counts: &[Counts]) -> Option<NodeId> {
    let Pass { tree, root, .. } = *pass;
    let score = &scores.score;
    let mut ranked: Vec<NodeId> = scores.candidates.clone();
    ranked.sort_by(|a, b| score[*b as usize].total_cmp(&score[*a as usize]));
    let &top0 = ranked.first()?;
    let mut top = top0;
    let top_score = score[top as usize];

    // An article split over several containers: most strong candidates under one ancestor.
    let strong: Vec<NodeId> =
        ranked.iter().skip(1).take(4).copied().filter(|&c| score[c as usize] >= 0.75 * top_score).collect();
    if strong.len() >= 2 {
        let mut anc = tree.nodes[top as usize].parent;
        while anc != NONE && anc != root && tree.name(anc).is_some() {
            let inside = strong.iter().filter(|&&c| is_ancestor(tree, anc, c)).count();
            if inside >= 2 {
                top = anc;
                break;
            }
            anc = tree.nodes[anc as usize].parent;
        }
        // None shares an ancestor with the top one, but three or more separate ones elsewhere
        // outweigh it together (a text cut into alike boxes, against one box of other text):
        // their nearest common ancestor.
        if top == top0 {
            let apart: Vec<NodeId> = strong
                .iter()
                .copied()
                .filter(|&c| !strong.iter().any(|&d| d != c && is_ancestor(tree, c, d)))
                .collect();
            let sum: f64 = apart.iter().map(|&c| score[c as usize]).sum();
            if apart.len() >= 3 && sum >= 2.0 * top_score {
                let mut lca = tree.nodes[apart[0] as usize].parent;
                while lca != NONE && !apart.iter().all(|&c| is_ancestor(tree, lca, c)) {
                    lca = tree.nodes[lca as usize].parent;
                }
                if lca != NONE && lca != root && tree.name(lca).is_some() && !is_ancestor(tree, lca, top) {
                    top = lca;
                }
            }
        }
    }
    // Climb while the parent scores higher (the top element is part of a larger article).
    let mut last = score[top as usize];
    let mut parent = tree.nodes[top as usize].parent;
    while parent != NONE && parent != root && tree.name(parent).is_some() {
        let ps = score[parent as usize];
        if ps.is_nan() {
            parent = tree.nodes[parent as usize].parent;
            continue;
        }
        if ps < last / 3.0 {
            break;
        }
        if ps > last {
            top = parent;
            break;
        }
        last = ps;
        parent = tree.nodes[parent as usize].parent;
    }
    // The only child of its parent: take the parent.
    loop {
        let p = tree.nodes[top as usize].parent;
        if p == NONE || p == root || tree.name(p).is_none() {
            break;
        }
        let entered_children = tree.children(p).filter(|&c| counts[c as usize].entered).count();
        if entered_children != 1 {
            break;
        }
        top = p;
    }
    Some(top)
}

/// Step 4, siblings: the top element and the siblings that continue the article (scored close to
/// it, prose, or paragraphs), in document order.
fn siblings(pass: &Pass, top: NodeId, blocks: &[Block], counts: &[Counts], scores: &Scores) -> Vec<NodeId> {
    let Pass { tree, hints, root, f, related, .. } = *pass;
    let score = &scores.score;
    let top_score = if score[top as usize].is_nan() { 0.0 } else { score[top as usize] };
    let threshold = (top_score * 0.2).max(10.0);
    let mut selected: Vec<NodeId> = Vec::new();
    let parent = tree.nodes[top as usize].parent;
    if parent == NONE || top == root {
        selected.push(top);
        return selected;
    }
    let top_class = tree.attr(top, "class").unwrap_or("");
    for s in tree.children(parent) {
        if s == top {
            selected.push(s);
            continue;
        }
        if !counts[s as usize].entered || tree.name(s).is_none() {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && tree.attr(s, "class") == Some(top_class) {
            bonus += top_score * 0.2;
        }
        let ss = score[s as usize];
        // A sibling named like chrome ("footer-content") does not join, even where its
        // name also says content.
        let chrome_name = f.unlikely && hints.get(s) & H_UNLIKELY != 0;
        // Mostly sentences of prose, few links: the article continues there.
        let prose = {
            let c = &counts[s as usize];
            c.prose >= 150 && c.prose as f64 >= 0.6 * c.chars as f64 && link_density(counts, s) < 0.2
        };
        let append = if related[s as usize] || chrome_name {
            false
        } else if (!ss.is_nan() && ss + bonus >= threshold) || prose {
            true
        } else if tree.name(s) == Some("p") || (hints.get(s) & H_BLOCK != 0 && !counts[s as usize].has_block) {
            // A paragraph, or an element used as one (a `<div>` holding only inline text).
            let len = counts[s as usize].chars;
            let d = link_density(counts, s);
            let text_ends = blocks.iter().rev().find(|b| b.owner == s).is_some_and(|b| {
                let t = b.text.trim_end();
                t.ends_with('.') || t.ends_with('"') || t.ends_with('\u{201d}')
            });
            (len > 80 && d < 0.25) || (len > 0 && len <= 80 && d == 0.0 && text_ends)
        } else {
            false
        };
        if append {
            selected.push(s);
        }
    }
    selected
}

/// Step 4b, repeated units: when the chosen element (or one of its near ancestors) is one of
/// three or more siblings with the same tag and class that each hold prose, the page is a
/// thread of posts (a forum, a live blog, an article cut into same-named sections): all
/// of them are the text. Teaser lists repeat too, but their units are short or links.
/// Returns the other units.
fn repeated_units(pass: &Pass, top: NodeId, counts: &[Counts]) -> Vec<NodeId> {
    let Pass { tree, hints, root, related, .. } = *pass;
    let prose = |s: NodeId| {
        let c = &counts[s as usize];
        c.entered
            && c.chars >= 150
            && link_density(counts, s) < 0.25
            && !related[s as usize]
            && hints.get(s) & H_UNLIKELY == 0
    };
    // Units are alike by tag and first class name (posts alternate "post bg1" / "post bg2").
    let first_class = |s: NodeId| tree.attr(s, "class").and_then(|c| c.split_ascii_whitespace().next());
    let mut a = top;
    for _ in 0..6 {
        let p = tree.nodes[a as usize].parent;
        if p == NONE || a == root || p == root {
            break;
        }
        if let Some(class) = first_class(a) {
            let same: Vec<NodeId> = tree
                .children(p)
                .filter(|&s| s != a && tree.tag(s) == tree.tag(a) && first_class(s) == Some(class) && prose(s))
                .collect();
            if same.len() >= 2 && prose(a) {
                return same;
            }
        }
        a = p;
    }
    Vec::new()
}

/// Step 5, cleaning and output: blocks whose owner lies in a selected subtree and under no
/// dropped element become paragraphs (line by line, without link lists, comments, repeated
/// titles, video prompts and copyright lines); what is dropped is listed with its reason.
fn output(
    pass: &Pass,
    selected: &[NodeId],
    blocks: &[Block],
    counts: &[Counts],
    scores: &Scores,
    skipped: Vec<NodeId>,
) -> (Vec<String>, Vec<Dropped>, Linked) {
    let Pass { tree, hints, f, related, .. } = *pass;
    let mut keep: Vec<u8> = vec![0; tree.nodes.len()]; // 0 unknown, 1 keep, 2 drop
    for &s in selected {
        keep[s as usize] = 1;
    }
    let title_like = |id: NodeId| matches!(tree.name(id), Some("h1"));
    let mut drops: Vec<(DropReason, NodeId)> = Vec::new();
    // Alike units (same tag and first class name under one parent, three or more: a thread's
    // posts) share one verdict when most of them read as prose: a short post among posts is a
    // post, as a card among cards is a card.
    let first_class = |s: NodeId| tree.attr(s, "class").and_then(|c| c.split_ascii_whitespace().next());
    let mut alike: std::collections::HashMap<(NodeId, u16, &str), bool> = std::collections::HashMap::new();
    let mut kept_with_alike = |p: NodeId| -> bool {
        let (parent, Some(class)) = (tree.nodes[p as usize].parent, first_class(p)) else { return false };
        if parent == NONE {
            return false;
        }
        let tag = tree.tag(p);
        *alike.entry((parent, tag, class)).or_insert_with(|| {
            let units: Vec<NodeId> = tree
                .children(parent)
                .filter(|&u| counts[u as usize].entered && tree.tag(u) == tag && first_class(u) == Some(class))
                .collect();
            let kept = units.iter().filter(|&&u| !drop_conditionally(tree, hints, u, counts, &scores.score, f)).count();
            units.len() >= 3 && kept * 2 > units.len()
        })
    };
    let mut decide = |id: NodeId, keep: &mut Vec<u8>| -> bool {
        // Walk up to a decided ancestor, then decide the path down.
        let mut path: Vec<NodeId> = Vec::new();
        let mut a = id;
        while a != NONE && keep[a as usize] == 0 {
            path.push(a);
            a = tree.nodes[a as usize].parent;
        }
        let mut state = if a == NONE { 2 } else { keep[a as usize] };
        for &p in path.iter().rev() {
            if state == 1 {
                let why = if title_like(p) {
                    Some(DropReason::Title)
                } else if f.weights && related[p as usize] {
                    Some(DropReason::Related)
                } else if f.clean && drop_conditionally(tree, hints, p, counts, &scores.score, f) {
                    // Named for what it is (an ad slot, a newsletter box), else not prose.
                    match reason_by_name(tree, p) {
                        DropReason::Chrome if kept_with_alike(p) => None,
                        DropReason::Chrome => Some(DropReason::NotProse),
                        r => Some(r),
                    }
                } else {
                    None
                };
                if let Some(why) = why {
                    state = 2;
                    drops.push((why, p));
                }
            }
            keep[p as usize] = state;
        }
        state == 1
    };
    let titles = page_titles(tree);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut dropped: Vec<Dropped> = Vec::new();
    let mut in_comments = false;
    // Runs dropped as link lists: where the paragraphs stood when each was met, and its lines.
    let mut linked: Vec<(usize, Vec<String>)> = Vec::new();
    let mut memo = DataRows::default();
    for b in blocks {
        if !decide(b.owner, &mut keep) {
            continue;
        }
        // A run that is mostly link text is navigation (tag lists, "next story", menus), unless
        // it is a short cell of a table of data (a team's name in a table of results).
        if b.link_chars as f64 > 0.7 * b.chars as f64 && !(b.chars < 40 && data_cell(tree, counts, b.owner, &mut memo))
        {
            let lines = b.text.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
            linked.push((paragraphs.len(), lines));
            dropped.push(Dropped { reason: DropReason::LinkList, text: crate::tree::squash(&b.text) });
            continue;
        }
        for line in b.text.split('\n') {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if in_comments {
                dropped.push(Dropped { reason: DropReason::Comments, text: line.to_string() });
            } else if comments_heading(line) && paragraphs.iter().map(|p| p.len()).sum::<usize>() >= 200 {
                // The comment section opens after the article, in the same container.
                in_comments = true;
                dropped.push(Dropped { reason: DropReason::Comments, text: line.to_string() });
            } else if repeats_title(line, &titles) {
                dropped.push(Dropped { reason: DropReason::Title, text: line.to_string() });
            } else if video_prompt(line) {
                dropped.push(Dropped { reason: DropReason::VideoPrompt, text: line.to_string() });
            } else if copyright(line) {
                dropped.push(Dropped { reason: DropReason::Chrome, text: line.to_string() });
            } else {
                paragraphs.push(line.to_string());
            }
        }
    }
    // Elements skipped inside the article for their names, and those dropped there.
    for id in skipped {
        let p = tree.nodes[id as usize].parent;
        if p != NONE && decide(p, &mut keep) {
            let text = crate::tree::squash(&tree.text(id));
            if !text.is_empty() {
                dropped.push(Dropped { reason: reason_by_name(tree, id), text });
            }
        }
    }
    for (why, id) in drops {
        let text = crate::tree::squash(&tree.text(id));
        if !text.is_empty() {
            dropped.push(Dropped { reason: why, text });
        }
    }
    (paragraphs, dropped, linked)
}

/// Is this element a cell (or inside one, one level down) of a table of data: a row of three
/// or more cells, most of its text outside links, in a table (or body of one) of four or more
/// rows of as many cells? A menu laid out as a table is all links; a layout table has a
/// column or two.
fn data_cell(tree: &Tree, counts: &[Counts], id: NodeId, memo: &mut DataRows) -> bool {
    let is_cell = |c: NodeId| matches!(tree.name(c), Some("td" | "th"));
    let mut cell = id;
    if !is_cell(cell) {
        cell = tree.nodes[id as usize].parent;
        if cell == NONE || !is_cell(cell) {
            return false;
        }
    }
    let row = tree.nodes[cell as usize].parent;
    if row == NONE || tree.name(row) != Some("tr") {
        return false;
    }
    if let Some(&v) = memo.rows.get(&row) {
        return v;
    }
    let cells = tree.children(row).filter(|&c| is_cell(c)).count();
    let table = tree.nodes[row as usize].parent;
    let v = cells >= 3 && link_density(counts, row) < 0.5 && table != NONE && {
        // Rows per number of cells, counted once per table (a long table stays linear).
        let shape = memo.tables.entry(table).or_insert_with(|| {
            let mut m = std::collections::HashMap::new();
            for r in tree.children(table).filter(|&r| tree.name(r) == Some("tr")) {
                *m.entry(tree.children(r).filter(|&c| is_cell(c)).count()).or_insert(0usize) += 1;
            }
            m
        });
        shape.get(&cells).copied().unwrap_or(0) >= 4
    };
    memo.rows.insert(row, v);
    v
}

/// What [`data_cell`] found per row, and each table's rows per number of cells.
#[derive(Default)]
struct DataRows {
    rows: std::collections::HashMap<NodeId, bool>,
    tables: std::collections::HashMap<NodeId, std::collections::HashMap<usize, usize>>,
}

/// A page whose content is tables of data (a player's statistics, a schedule) and whose
/// reading found only a line or two of other text (under 100 characters, no sentence): the
/// text of its tables of data instead (four or more rows of three or more cells, links under
/// half of the text, outside chrome), cell by cell, when they hold at least 300 characters
/// and three times the reading's.
fn data_tables_instead(tree: &Tree, hints: &Hints, m: &mut MainText) {
    let kept: usize = m.paragraphs.iter().map(|p| p.chars().count()).sum();
    if kept >= 100 || m.paragraphs.iter().any(|p| p.len() >= 60 && p.trim_end().ends_with(['.', '!', '?'])) {
        return;
    }
    let is_cell = |c: NodeId| matches!(tree.name(c), Some("td" | "th"));
    let rows_of = |t: NodeId| -> Vec<NodeId> {
        let mut rows = Vec::new();
        for c in tree.children(t) {
            match tree.name(c) {
                Some("tr") => rows.push(c),
                Some("tbody" | "thead" | "tfoot") => {
                    rows.extend(tree.children(c).filter(|&r| tree.name(r) == Some("tr")))
                }
                _ => {}
            }
        }
        rows
    };
    let chrome = |mut id: NodeId| {
        while id != NONE {
            if tree.name(id).is_some() && hints.get(id) & (H_NEVER | H_CHROME_SKIP | H_UNLIKELY_SKIP) != 0 {
                return true;
            }
            id = tree.nodes[id as usize].parent;
        }
        false
    };
    let tables: Vec<NodeId> = tree
        .elements("table")
        .filter(|&t| rows_of(t).iter().filter(|&&r| tree.children(r).filter(|&c| is_cell(c)).count() >= 3).count() >= 4)
        .filter(|&t| !chrome(t))
        .collect();
    if tables.is_empty() {
        return;
    }
    let mut is_data = vec![false; tree.nodes.len()];
    for &t in &tables {
        is_data[t as usize] = true;
    }
    // The innermost table holding each run: a table of data inside a layout table is its own.
    let mut lines: Vec<String> = Vec::new();
    let (mut chars, mut link) = (0usize, 0usize);
    for b in flat_blocks(tree) {
        let mut a = b.owner;
        while a != NONE && tree.name(a) != Some("table") {
            a = tree.nodes[a as usize].parent;
        }
        if a == NONE || !is_data[a as usize] {
            continue;
        }
        chars += b.chars as usize;
        link += b.link_chars as usize;
        lines.extend(b.text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string));
    }
    if chars >= 300 && chars >= 3 * kept && link * 2 < chars {
        m.paragraphs = lines;
    }
}

/// Runs of a reading dropped as link lists: the number of paragraphs before each, its lines.
type Linked = Vec<(usize, Vec<String>)>;

/// A container whose text is mostly its links (a catalogue, a directory, a list of songs:
/// names that link to their pages) with little text of its own: the links are the content,
/// not navigation beside it, and go back among the paragraphs where they stood. Entries are
/// names or lines of description (30+ characters on average), where menus and tag lists are a
/// word or two; and none of the rest reads as a sentence of prose (a short post followed by
/// links to other posts keeps its links out). Decided on the reading already chosen, so that
/// link text never makes one reading win over another.
fn restore_link_entries(m: &mut MainText, linked: Linked) {
    let kept: usize = m.paragraphs.iter().map(|p| p.chars().count()).sum();
    let linked_chars: usize = linked.iter().flat_map(|(_, l)| l).map(|l| l.chars().count()).sum();
    let prose = m.paragraphs.iter().any(|p| {
        let t = p.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
        t.len() >= 60 && t.ends_with(['.', '!', '?'])
    });
    // Entries that stand between the kept lines, at many places (a discography: each album's
    // line kept, its songs linked under it), are the list the kept lines head, however short
    // each entry is; a menu or a tag list stands before or after the text, at one place or two.
    let between = {
        let mut at: Vec<usize> =
            linked.iter().map(|(at, _)| *at).filter(|&at| at > 0 && at < m.paragraphs.len()).collect();
        at.dedup();
        at.len()
    };
    let headed_list = between >= 5 && linked.len() >= 10;
    if prose || linked.len() < 3 || linked_chars < 2 * kept.max(50) {
        return;
    }
    if !headed_list && (kept >= 250 || linked_chars < 30 * linked.len()) {
        return;
    }
    let mut merged: Vec<String> = Vec::with_capacity(m.paragraphs.len() + linked.len());
    let mut rest = linked.into_iter().peekable();
    for (i, p) in std::mem::take(&mut m.paragraphs).into_iter().enumerate() {
        while let Some((_, lines)) = rest.next_if(|(at, _)| *at <= i) {
            merged.extend(lines);
        }
        merged.push(p);
    }
    merged.extend(rest.flat_map(|(_, l)| l));
    m.paragraphs = merged;
    m.dropped.retain(|d| d.reason != DropReason::LinkList);
}

/// A run of inline text as the flat reading sees it (no filters, no scoring).
#[derive(Debug, Clone)]
pub struct FlatBlock {
    pub owner: NodeId,
    pub text: String,
    pub chars: u32,
    pub link_chars: u32,
}

/// Every run of inline text of the page in document order, outside elements that are never
/// text (scripts, hidden elements, navigation): block elements and `<br>` end a run. One pass
/// over the nodes (a parent always comes before its children).
pub fn flat_blocks(tree: &Tree) -> Vec<FlatBlock> {
    let hints = Hints::new(tree);
    let n = tree.nodes.len();
    // Per node: skipped, inside a link, the block element holding its inline content.
    let mut skip = vec![false; n];
    let mut link = vec![false; n];
    let mut owner: Vec<NodeId> = vec![NONE; n];
    let mut out: Vec<FlatBlock> = Vec::new();
    let mut open = false;
    for i in 1..n {
        let p = tree.nodes[i].parent;
        if p == NONE {
            continue;
        }
        let pu = p as usize;
        let parent_block = tree.name(p).is_some() && hints.get(p) & H_BLOCK != 0;
        skip[i] = skip[pu] || (tree.name(p).is_some() && hints.get(p) & H_NEVER != 0);
        link[i] = link[pu] || tree.name(p) == Some("a");
        owner[i] = if parent_block || owner[pu] == NONE { p } else { owner[pu] };
        if skip[i] {
            continue;
        }
        match &tree.nodes[i].data {
            Data::Text(t) => {
                let words: Vec<&str> = t.split_whitespace().collect();
                if words.is_empty() {
                    continue;
                }
                let chars: u32 = words.iter().map(|w| w.chars().count() as u32).sum::<u32>() + words.len() as u32 - 1;
                let same = open && out.last().is_some_and(|b| b.owner == owner[i]);
                if !same {
                    out.push(FlatBlock { owner: owner[i], text: String::new(), chars: 0, link_chars: 0 });
                }
                let b = out.last_mut().expect("a block is open");
                if !b.text.is_empty() && !b.text.ends_with('\n') {
                    b.text.push(' ');
                }
                b.text.push_str(&words.join(" "));
                b.chars += chars;
                if link[i] {
                    b.link_chars += chars;
                }
                open = true;
            }
            Data::Element { name, .. } => {
                if &**name == "br" {
                    if let Some(b) = out.last_mut().filter(|_| open) {
                        b.text.push('\n');
                    }
                } else if hints.get(i as NodeId) & (H_BLOCK | H_NEVER) != 0 {
                    open = false;
                }
            }
            Data::Document => {}
        }
    }
    out
}

/// The text of a fragment, one line per block (for markup found inside a JSON-LD value).
pub fn block_text(tree: &Tree) -> String {
    flat_blocks(tree).iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")
}

/// The densest block of prose on the page: the run of inline text with the most characters
/// outside links (at least 80, and links under a third of it), as the last fallback when no
/// article container was found. Its text, split at line breaks.
pub fn densest_block(tree: &Tree) -> Option<Vec<String>> {
    flat_blocks(tree)
        .into_iter()
        .filter(|b| b.chars >= 80 && (b.link_chars as f64) < b.chars as f64 / 3.0)
        .max_by_key(|b| b.chars - b.link_chars)
        .map(|b| b.text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect())
}

/// Link texts that lead to an article's next page.
const NEXT_PAGE: &[&str] =
    &["halaman selanjutnya", "halaman berikutnya", "selanjutnya", "berikutnya", "next page", "next »", "next ›"];

/// The address of the article's next page: `<link rel=next>`, an `<a rel=next>`, or a link
/// whose whole text is "Halaman selanjutnya" / "Selanjutnya" / "Berikutnya" / "Next page"
/// (optionally followed by "»" or ">"), the first in page order.
pub fn next_page(tree: &Tree) -> Option<String> {
    let href = |id: NodeId| {
        tree.attr(id, "href")
            .map(str::trim)
            .filter(|h| !h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:"))
    };
    for id in 0..tree.nodes.len() as NodeId {
        let Some(name) = tree.name(id) else { continue };
        if !matches!(name, "link" | "a") {
            continue;
        }
        let rel_next =
            tree.attr(id, "rel").is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("next")));
        if rel_next && let Some(h) = href(id) {
            return Some(h.to_string());
        }
        if name == "a" {
            let text = norm(&tree.text(id));
            if text.len() <= 24
                && NEXT_PAGE
                    .iter()
                    .any(|n| text == *n || text.strip_suffix(" »").or(text.strip_suffix(" >")) == Some(n))
                && let Some(h) = href(id)
            {
                return Some(h.to_string());
            }
        }
    }
    None
}

/// The words of a text between whitespace runs (`char::is_whitespace`), each as (whitespace
/// before it, the word, the word is ASCII); the last item may be an empty word after trailing
/// whitespace. ASCII bytes are tested as bytes; only other characters are decoded.
struct Words<'s> {
    s: &'s str,
    i: usize,
}

impl<'s> Words<'s> {
    fn new(s: &'s str) -> Self {
        Words { s, i: 0 }
    }

    /// The length of the character at `i` if it is whitespace.
    fn space_at(&self, i: usize) -> Option<usize> {
        let b = self.s.as_bytes()[i];
        if b < 0x80 {
            return matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r').then_some(1);
        }
        let c = self.s[i..].chars().next().expect("a character starts here");
        c.is_whitespace().then(|| c.len_utf8())
    }
}

impl<'s> Iterator for Words<'s> {
    type Item = (bool, &'s str, bool);
    fn next(&mut self) -> Option<Self::Item> {
        let n = self.s.len();
        if self.i >= n {
            return None;
        }
        let mut gap = false;
        while self.i < n
            && let Some(len) = self.space_at(self.i)
        {
            self.i += len;
            gap = true;
        }
        let start = self.i;
        let mut ascii = true;
        while self.i < n {
            let b = self.s.as_bytes()[self.i];
            if b < 0x80 {
                if matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                    break;
                }
                self.i += 1;
            } else {
                let Some(c) = self.s[self.i..].chars().next() else { break };
                if c.is_whitespace() {
                    break;
                }
                ascii = false;
                self.i += c.len_utf8();
            }
        }
        Some((gap, &self.s[start..self.i], ascii))
    }
}

#[allow(clippy::too_many_arguments)]
fn exit(
    tree: &Tree,
    cur: NodeId,
    root: NodeId,
    owners: &mut Vec<NodeId>,
    run: &mut Block,
    blocks: &mut Vec<Block>,
    link_depth: &mut u32,
    flush: &impl Fn(&mut Block, NodeId, &mut Vec<Block>),
) {
    if cur == root {
        let owner = *owners.last().unwrap_or(&root);
        flush(run, owner, blocks);
        return;
    }
    if let Data::Element { name, .. } = &tree.nodes[cur as usize].data {
        let name: &str = name;
        if owners.last() == Some(&cur) {
            flush(run, cur, blocks);
            owners.pop();
        } else if name == "a" && *link_depth > 0 {
            *link_depth -= 1;
        }
    }
}

fn is_ancestor(tree: &Tree, anc: NodeId, mut id: NodeId) -> bool {
    while id != NONE {
        if id == anc {
            return true;
        }
        id = tree.nodes[id as usize].parent;
    }
    false
}

/// A run shaped like a sentence of prose: 60+ characters, few of them in links, with a word
/// gap and ending like a sentence (full stop, question or exclamation mark, a closing quote
/// or bracket after one, or a colon introducing what follows).
fn sentence_like(b: &Block) -> bool {
    if b.chars < 60 || b.link_chars * 4 > b.chars {
        return false;
    }
    let t = b.text.trim_end();
    let t = t.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '»']);
    t.ends_with(['.', '!', '?', ':', '\u{3002}', '\u{FF01}', '\u{FF1F}', '…']) && t.contains(' ')
}

/// Readability's conditional cleaning: is this element (inside the article) not prose?
fn drop_conditionally(tree: &Tree, hints: &Hints, id: NodeId, counts: &[Counts], score: &[f64], f: Filters) -> bool {
    let Some(name) = tree.name(id) else { return false };
    if !matches!(name, "form" | "fieldset" | "table" | "ul" | "ol" | "div" | "section" | "dl") {
        // Headings with a chrome class name ("related", "share") go too.
        return matches!(name, "h2" | "h3" | "h4" | "h5" | "h6") && f.weights && weight(hints, id) < 0.0;
    }
    let c = &counts[id as usize];
    let w = if f.weights { weight(hints, id) } else { 0.0 };
    let s = if score[id as usize].is_nan() { 0.0 } else { score[id as usize] };
    // Mostly sentences of prose with few links (a list of steps, a table of explanations).
    let prose = c.prose as f64 >= 0.7 * c.chars as f64 && c.prose >= 120 && c.link_chars * 5 < c.chars;
    // A list's low prior score is not a verdict on prose under a name that says nothing (a
    // list of points, each a paragraph or a quoted passage).
    if prose && w >= 0.0 && matches!(name, "ul" | "ol" | "dl") && c.input == 0 && !teaser_cards(tree, id, counts) {
        return false;
    }
    if w + s < 0.0 {
        return true;
    }
    if teaser_cards(tree, id, counts) {
        return true;
    }
    if c.commas >= 10 || prose {
        return false;
    }
    let is_list = matches!(name, "ul" | "ol" | "dl") || (c.li > 0 && c.li * 2 >= c.p.max(1) && c.p == 0);
    let link_density = if c.chars == 0 { 0.0 } else { c.link_chars as f64 / c.chars as f64 };
    let in_figure = is_ancestor_named(tree, id, "figure");
    let p = c.p as f64;
    let img = c.img as f64;
    (c.img > 1 && p / img < 0.5 && !in_figure)
        || (!is_list && c.li > c.p + 3 && name != "ul" && name != "ol" && !(c.chars >= 500 && link_density < 0.1))
        || (c.input as f64 > (p / 3.0).floor() && c.input > 0)
        || (!is_list && c.chars < 25 && (c.img == 0 || c.img > 2) && !in_figure)
        || (!is_list && w < 25.0 && link_density > 0.2)
        || (is_list && link_density > 0.5)
        || (w >= 25.0 && link_density > 0.5)
        || ((c.embed == 1 && c.chars < 75) || c.embed > 1)
}

/// A list of teaser cards for other pages: a `<ul>`/`<ol>` of three or more items, each short
/// (under 400 characters: a headline, a line of summary, a date), at least two thirds of them
/// with a heading of their own and a link, the links leading to different pages (each card
/// announces one). An article's lists hold items, not linked headlines.
fn teaser_cards(tree: &Tree, id: NodeId, counts: &[Counts]) -> bool {
    if !matches!(tree.name(id), Some("ul" | "ol")) {
        return false;
    }
    let (mut items, mut headed) = (0u32, 0u32);
    let mut hrefs: Vec<&str> = Vec::new();
    for li in tree.children(id) {
        let c = &counts[li as usize];
        if tree.name(li) != Some("li") || !c.entered {
            continue;
        }
        if c.chars >= 400 {
            return false;
        }
        items += 1;
        if c.headings > 0
            && let Some(href) = first_href(tree, li)
        {
            headed += 1;
            if !hrefs.contains(&href) {
                hrefs.push(href);
            }
        }
    }
    // Cards announce different pages: links that all lead to one page are the page's own UI.
    items >= 3 && headed * 3 >= items * 2 && hrefs.len() as u32 * 3 >= items * 2
}

/// The `href` of the first link inside an element, in page order.
fn first_href<'t>(tree: &'t Tree, id: NodeId) -> Option<&'t str> {
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        if tree.name(n) == Some("a")
            && let Some(h) = tree.attr(n, "href")
        {
            return Some(h.trim());
        }
        let kids: Vec<NodeId> = tree.children(n).collect();
        stack.extend(kids.into_iter().rev());
    }
    None
}

fn is_ancestor_named(tree: &Tree, mut id: NodeId, name: &str) -> bool {
    while id != NONE {
        if tree.name(id) == Some(name) {
            return true;
        }
        id = tree.nodes[id as usize].parent;
    }
    false
}

/// The page's own titles (`<title>`, `og:title`), normalised, to drop a headline the article
/// repeats.
fn page_titles(tree: &Tree) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = tree.elements("title").next() {
        out.push(norm(&tree.text(t)));
    }
    for m in tree.elements("meta") {
        if tree.attr(m, "property").or_else(|| tree.attr(m, "name")).is_some_and(|p| p == "og:title")
            && let Some(c) = tree.attr(m, "content")
        {
            out.push(norm(c));
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

use warta_engine::segment::fold_key as norm;

/// A short line that is the page title, or the title without the site name after it.
fn repeats_title(line: &str, titles: &[String]) -> bool {
    if line.len() < 15 || line.len() > 300 || titles.is_empty() {
        return false;
    }
    // A match starts with the title's first character: most lines fail on it before folding.
    if let Some(&first) = line.trim_start().as_bytes().first()
        && first.is_ascii()
        && !titles.iter().any(|t| t.as_bytes().first() == Some(&first.to_ascii_lowercase()))
    {
        return false;
    }
    let l = norm(line);
    titles.iter().any(|t| *t == l || (t.starts_with(&l) && !t[l.len()..].starts_with(|c: char| c.is_alphanumeric())))
}

/// Headings that introduce teasers for other pages.
const RELATED_HEADINGS: &[&str] = &[
    "related",
    "you may also like",
    "you might also like",
    "more from",
    "more stories",
    "recommended",
    "read more",
    "read also",
    "also read",
    "most popular",
    "most read",
    "trending",
    "baca juga",
    "berita terkait",
    "artikel terkait",
    "terpopuler",
    "berita lainnya",
    "lihat juga",
    "populer",
];

/// For every node: is it, or is it inside, an element whose first text is a heading for
/// teasers of other pages ("Related", "You may also like", "Baca juga", or a heading whose
/// class says so)?
fn related_context(tree: &Tree, hints: &Hints) -> Vec<bool> {
    let n = tree.nodes.len();
    // The first non-blank text node under each element, found bottom-up.
    let mut first_text: Vec<NodeId> = vec![NONE; n];
    for i in (0..n).rev() {
        match &tree.nodes[i].data {
            Data::Text(t) if t.chars().any(|c| !c.is_whitespace()) => first_text[i] = i as NodeId,
            Data::Element { name, tag, .. } if tag_kind(*tag, name) & K_NEVER != 0 && &**name != "header" => {}
            _ => {
                let mut c = tree.nodes[i].first_child;
                while c != NONE {
                    if first_text[c as usize] != NONE {
                        first_text[i] = first_text[c as usize];
                        break;
                    }
                    c = tree.nodes[c as usize].next_sibling;
                }
            }
        }
    }
    // Headings that introduce teasers.
    let mut teaser_text: Vec<bool> = vec![false; n];
    for i in 0..n {
        let id = i as NodeId;
        if matches!(tree.name(id), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")) && first_text[i] != NONE {
            let text = norm(&tree.text(id));
            let by_class = hints.get(i as NodeId) & H_TEASER != 0;
            if by_class || (text.len() < 60 && RELATED_HEADINGS.iter().any(|h| text.starts_with(h))) {
                teaser_text[first_text[i] as usize] = true;
            }
        }
    }
    let mut out = vec![false; n];
    for i in 1..n {
        let p = tree.nodes[i].parent;
        out[i] = (p != NONE && out[p as usize])
            || (matches!(tree.nodes[i].data, Data::Element { .. })
                && first_text[i] != NONE
                && teaser_text[first_text[i] as usize]
                && !matches!(tree.name(i as NodeId), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Words;

    /// What the text walk appends for one text node, given its words as (whitespace before, word).
    fn fold<'s>(words: impl Iterator<Item = (bool, &'s str)>) -> String {
        let mut out = String::new();
        let mut space = false;
        for (gap, piece) in words {
            if gap && !space {
                out.push(' ');
                space = true;
            }
            if !piece.is_empty() {
                out.push_str(piece);
                space = false;
            }
        }
        out
    }

    #[test]
    fn words_split_like_char_is_whitespace() {
        for t in [
            "",
            " ",
            "kata",
            "  dua\tkata \r\n",
            "a\u{0B}b\u{0C}c",
            "“Kami\u{00A0}siap,”\u{2003}kata  Ângela\u{3000}di Ｊakarta ",
            "\u{85}awal dan akhir\u{2029}",
        ] {
            // The old definition: char by char, split at every whitespace character.
            let by_split = fold(t.split(char::is_whitespace).enumerate().map(|(k, w)| (k > 0, w)));
            let by_words = fold(Words::new(t).map(|(gap, w, ascii)| {
                assert_eq!(ascii, w.is_ascii(), "{w:?}");
                (gap, w)
            }));
            assert_eq!(by_words, by_split, "{t:?}");
        }
    }
}
