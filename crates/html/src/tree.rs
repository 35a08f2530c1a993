//! A light HTML tree for extraction: one pass over the text, no spec-complete DOM.
//!
//! The tokenizer handles what pages contain (tags with quoted or bare attributes, comments,
//! doctypes, raw-text elements such as `<script>`, `<style>` and `<title>`, character
//! references through the WHATWG entity table). Tree building follows the HTML rules that
//! matter for finding text blocks: void elements, a `<p>` closed by the next block, `<li>`,
//! `<dt>`/`<dd>`, table rows and cells, `<option>` closing their predecessor, end tags that
//! close everything above their element, inline end tags that never close a block, and stray
//! end tags ignored. It does not do the adoption agency, foster parenting or foreign content;
//! those change where markup nests in rare broken pages, not which text a page has.
//!
//! Nodes live in one `Vec` in document order (a parent always comes before its children), so
//! bottom-up passes are a reverse loop over indices. Text and attribute values borrow from the
//! page wherever they hold no character reference (most do), so parsing copies little.

use std::borrow::Cow;

/// Open elements nested deeper than this are not opened (their tags are dropped, their text
/// kept), like browsers' own depth limits.
const MAX_DEPTH: usize = 512;

/// An element or attribute name, lowercase: a static string for the names pages use, owned
/// otherwise (custom elements, `data-*` attributes).
pub type Name = Cow<'static, str>;

/// Index of a node in [`Tree::nodes`].
pub type NodeId = u32;
/// No node.
pub const NONE: NodeId = u32::MAX;

/// An attribute: its lowercase name (borrowed from the page when written in lower case, as
/// nearly all are) and its value with character references decoded.
pub type Attr<'a> = (Cow<'a, str>, Cow<'a, str>);

/// What a node is.
#[derive(Debug, Clone)]
pub enum Data<'a> {
    Document,
    Element {
        name: Name,
        /// The name's id: its position in [`tag_names`] + 1, 0 for a name not there.
        tag: u16,
        attrs: Vec<Attr<'a>>,
    },
    /// Text with character references decoded. Raw-text elements (`<script>`, `<style>`) keep
    /// their text as written.
    Text(Cow<'a, str>),
}

#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
    pub data: Data<'a>,
}

/// A parsed page, borrowing from its HTML text.
#[derive(Debug, Clone)]
pub struct Tree<'a> {
    pub nodes: Vec<Node<'a>>,
}

/// The page has more elements than allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct TooManyElements;

/// Names interned as static strings (tags and common attributes), sorted for binary search.
/// The position + 1 is a tag id; 0 means "not in the table".
const NAMES: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "alt",
    "applet",
    "area",
    "aria-hidden",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "bgsound",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "charset",
    "cite",
    "class",
    "code",
    "col",
    "colgroup",
    "content",
    "data",
    "data-src",
    "datetime",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "height",
    "hgroup",
    "hidden",
    "hr",
    "href",
    "html",
    "http-equiv",
    "i",
    "id",
    "iframe",
    "img",
    "input",
    "ins",
    "itemprop",
    "itemscope",
    "itemtype",
    "kbd",
    "keygen",
    "label",
    "lang",
    "legend",
    "li",
    "link",
    "listing",
    "loading",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "meta",
    "meter",
    "name",
    "nav",
    "nobr",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "onclick",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "property",
    "pubdate",
    "q",
    "rel",
    "role",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "src",
    "srcset",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "target",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "type",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "width",
    "xml:lang",
    "xmp",
];

const VOID_F: u16 = 1;
const RAW_F: u16 = 2;
const RCDATA_F: u16 = 4;
const CLOSES_P_F: u16 = 8;
/// Bounds the search for an open `<p>` to close.
const SCOPE_F: u16 = 16;
/// Block-level: an inline end tag never closes through one of these.
const BLOCK_F: u16 = 32;
/// Bounds the search for an open `<li>`, `<dt>`, `<dd>`.
const LIST_SCOPE_F: u16 = 64;
/// `<table>` and `<html>`: bound row and table-section searches.
const TABLE_F: u16 = 128;
/// `<tr>` and `<table>`: bound the search for an open cell.
const ROW_F: u16 = 256;
/// Table elements: their end tags close through blocks.
const TABLE_PART_F: u16 = 512;
/// `<html>`.
const ROOT_F: u16 = 1024;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "basefont", "bgsound", "frame",
];
/// Elements whose content is text up to their end tag (not markup).
const RAW: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"];
/// Raw-text elements whose character references are decoded (RCDATA).
const RCDATA: &[&str] = &["textarea", "title"];
/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "listing",
];
const SCOPE: &[&str] =
    &["html", "table", "td", "th", "caption", "button", "object", "marquee", "applet", "template", "ul", "ol", "dl"];
const LIST_SCOPE: &[&str] = &["ul", "ol", "dl", "table", "td", "th", "html"];
/// Block-level elements: an inline end tag never closes through one of these.
pub const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
];

const T_HEAD: u16 = t("head");
const T_BODY: u16 = t("body");
const T_P: u16 = t("p");
const T_LI: u16 = t("li");
const T_DT: u16 = t("dt");
const T_DD: u16 = t("dd");
const T_TR: u16 = t("tr");
const T_TD: u16 = t("td");
const T_TH: u16 = t("th");
const T_TBODY: u16 = t("tbody");
const T_THEAD: u16 = t("thead");
const T_TFOOT: u16 = t("tfoot");
const T_OPTION: u16 = t("option");
const T_A: u16 = t("a");
const T_HTML: u16 = t("html");
const T_TABLE: u16 = t("table");
const T_BR: u16 = t("br");
const T_SVG: u16 = t("svg");
const T_MATH: u16 = t("math");
/// What may stay inside `<head>`; any other element closes it (as a browser's "in head"
/// insertion mode does), so a page whose `<body>` tag is missing still has its text in a body.
const T_IN_HEAD: [u16; 8] =
    [t("title"), t("meta"), t("link"), t("script"), t("style"), t("base"), t("noscript"), t("template")];
const T_HEADINGS: [u16; 6] = [t("h1"), t("h2"), t("h3"), t("h4"), t("h5"), t("h6")];

/// Flag bits per tag id, computed at compile time.
const FLAGS: [u16; NAMES.len() + 1] = {
    let mut f = [0u16; NAMES.len() + 1];
    let groups: [(&[&str], u16); 11] = [
        (VOID, VOID_F),
        (RAW, RAW_F),
        (RCDATA, RCDATA_F),
        (CLOSES_P, CLOSES_P_F),
        (SCOPE, SCOPE_F),
        (BLOCK, BLOCK_F),
        (LIST_SCOPE, LIST_SCOPE_F),
        (&["table", "html"], TABLE_F),
        (&["tr", "table"], ROW_F),
        (&["td", "th", "tr", "tbody", "thead", "tfoot", "table"], TABLE_PART_F),
        (&["html"], ROOT_F),
    ];
    let mut g = 0;
    while g < groups.len() {
        let (list, bit) = groups[g];
        let mut i = 0;
        while i < list.len() {
            let id = t(list[i]);
            assert!(id != 0, "a flagged tag is missing from NAMES");
            f[id as usize] |= bit;
            i += 1;
        }
        g += 1;
    }
    f
};

/// Byte-wise comparison usable in constants: -1, 0 or 1.
const fn compare(a: &[u8], b: &[u8]) -> i32 {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] { -1 } else { 1 };
        }
        i += 1;
    }
    if a.len() == b.len() {
        0
    } else if a.len() < b.len() {
        -1
    } else {
        1
    }
}

/// The names in the tag table, in id order (id = position + 1).
pub fn tag_names() -> &'static [&'static str] {
    NAMES
}

/// The id of a lowercase name: its position in [`NAMES`] + 1, or 0 when it is not there
/// (usable in constants: `const T_P: u16 = t("p")`).
const fn t(name: &str) -> u16 {
    let (mut lo, mut hi) = (0, NAMES.len());
    let key = name.as_bytes();
    while lo < hi {
        let mid = (lo + hi) / 2;
        match compare(NAMES[mid].as_bytes(), key) {
            0 => return mid as u16 + 1,
            c if c < 0 => lo = mid + 1,
            _ => hi = mid,
        }
    }
    0
}

/// A name of up to 16 bytes packed into a number, ASCII letters lower-cased (0 for an empty
/// or longer name: none is in the table). Built by shifts, not through a byte buffer: loading
/// a number from bytes just stored one by one stalled the CPU on every tag.
fn pack(name: &[u8]) -> u128 {
    if name.len() > 16 {
        return 0;
    }
    let mut key = 0u128;
    for (i, &c) in name.iter().enumerate() {
        key |= (c.to_ascii_lowercase() as u128) << (8 * i);
    }
    key
}

/// Open-addressing table over the packed names: a multiply-shift hash and one compare of two
/// numbers per probe (a general hash map cost a hash of the bytes and a `memcmp` per lookup,
/// a tenth of the parse).
const SLOTS: usize = 512;

fn slot(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

/// The id of a name, ASCII case ignored (0 when it is not in [`NAMES`]).
fn tag_id(name: &str) -> u16 {
    static TABLE: std::sync::OnceLock<Vec<(u128, u16)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = vec![(0u128, 0u16); SLOTS];
        for (i, n) in NAMES.iter().enumerate() {
            let key = pack(n.as_bytes());
            assert!(key != 0, "names in the table are 1-16 bytes");
            let mut k = slot(key);
            while table[k].1 != 0 {
                k = (k + 1) % SLOTS;
            }
            table[k] = (key, i as u16 + 1);
        }
        table
    });
    let key = pack(name.as_bytes());
    if key == 0 {
        return 0;
    }
    let mut k = slot(key);
    loop {
        let (have, id) = table[k];
        if id == 0 {
            return 0;
        }
        if have == key {
            // Packing leaves NUL bytes out of the number: the lengths must agree too.
            return if NAMES[id as usize - 1].len() == name.len() { id } else { 0 };
        }
        k = (k + 1) % SLOTS;
    }
}

/// Does the tag have one of the flag bits?
fn has(tag: u16, bits: u16) -> bool {
    FLAGS[tag as usize] & bits != 0
}

/// A name as written → its lowercase [`Name`] (static for names in the table) and tag id.
fn intern(raw: &str) -> (Name, u16) {
    match tag_id(raw) {
        0 => (Cow::Owned(raw.to_ascii_lowercase()), 0),
        id => (Cow::Borrowed(NAMES[id as usize - 1]), id),
    }
}

impl<'a> Tree<'a> {
    /// Parse `html`. `max_elements` (0 = no limit) bounds the number of elements.
    pub fn parse(html: &'a str, max_elements: usize) -> Result<Tree<'a>, TooManyElements> {
        // News pages hold a node per 60-100 bytes: reserving that up front saves the copies of a
        // growing vector (nodes are about 70 bytes; pages have thousands). Capped, so that a
        // huge page does not reserve more than a few megabytes before it proves to need it.
        let mut nodes = Vec::with_capacity((html.len() / 48 + 1).min(1 << 16));
        nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data: Data::Document,
        });
        let mut b = Builder {
            tree: Tree { nodes },
            stack: vec![0],
            names: vec![0],
            elements: 0,
            max_elements,
            seen_html: false,
            seen_body: false,
        };
        b.run(html)?;
        Ok(b.tree)
    }

    /// Element name (lowercase), or `None` for text and the document.
    pub fn name(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id as usize].data {
            Data::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Element's tag id (position in [`tag_names`] + 1): 0 for text, the document and names not
    /// in the table.
    pub fn tag(&self, id: NodeId) -> u16 {
        match &self.nodes[id as usize].data {
            Data::Element { tag, .. } => *tag,
            _ => 0,
        }
    }

    /// An attribute's value (attribute names are lowercase).
    pub fn attr(&self, id: NodeId, key: &str) -> Option<&str> {
        match &self.nodes[id as usize].data {
            Data::Element { attrs, .. } => attrs.iter().find(|(k, _)| &**k == key).map(|(_, v)| &**v),
            _ => None,
        }
    }

    /// Children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { tree: self, next: self.nodes[id as usize].first_child }
    }

    /// All elements with this name, in document order.
    pub fn elements<'s>(&'s self, name: &'s str) -> impl Iterator<Item = NodeId> + 's {
        (0..self.nodes.len() as NodeId).filter(move |&i| self.name(i) == Some(name))
    }

    /// The text under a node, concatenated as written (no separators added).
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.text_into(id, &mut out);
        out
    }

    /// Iterative (a hostile page can nest elements deeper than the stack allows).
    fn text_into(&self, id: NodeId, out: &mut String) {
        let mut cur = id;
        loop {
            let node = &self.nodes[cur as usize];
            if let Data::Text(t) = &node.data {
                out.push_str(t);
            }
            if node.first_child != NONE && !matches!(node.data, Data::Text(_)) {
                cur = node.first_child;
                continue;
            }
            // Next: a sibling, or up until an ancestor (below `id`) has one.
            loop {
                if cur == id {
                    return;
                }
                let n = &self.nodes[cur as usize];
                if n.next_sibling != NONE {
                    cur = n.next_sibling;
                    break;
                }
                cur = n.parent;
            }
        }
    }
}

pub struct Children<'t> {
    tree: &'t Tree<'t>,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.tree.nodes[id as usize].next_sibling;
        Some(id)
    }
}

struct Builder<'a> {
    tree: Tree<'a>,
    /// Open elements (node ids), the document at the bottom.
    stack: Vec<NodeId>,
    /// Tag ids ([`tag_id`]) of the open elements, parallel to `stack` (0 = not a known tag).
    names: Vec<u16>,
    elements: usize,
    max_elements: usize,
    seen_html: bool,
    seen_body: bool,
}

impl<'a> Builder<'a> {
    fn run(&mut self, html: &'a str) -> Result<(), TooManyElements> {
        let s = html.as_bytes();
        let n = s.len();
        let mut i = 0;
        let mut text_start = 0;
        while i < n {
            let Some(off) = memchr::memchr(b'<', &s[i..]) else { break };
            let lt = i + off;
            let next = s.get(lt + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                // Start tag.
                let Some((end, (name, tag), attrs, self_closing)) = start_tag(html, lt) else {
                    // Unterminated tag at the end of the page: dropped (as in a browser).
                    self.text(&html[text_start..lt], true);
                    return Ok(());
                };
                self.text(&html[text_start..lt], true);
                i = end;
                text_start = end;
                if has(tag, RAW_F) {
                    let close = find_end_tag(s, end, &name);
                    let content = &html[end..close.0];
                    // Script and style text is kept only for JSON (JSON-LD metadata): the rest
                    // is never read, and copying it would cost more than the whole extraction.
                    let keep = match &*name {
                        "script" => attrs.iter().any(|(k, v)| k == "type" && v.to_ascii_lowercase().contains("json")),
                        "style" => false,
                        _ => true,
                    };
                    self.open(name, tag, attrs)?;
                    if keep && !content.is_empty() {
                        self.text(content, has(tag, RCDATA_F));
                    }
                    self.close_top();
                    i = close.1;
                    text_start = close.1;
                } else {
                    let void = has(tag, VOID_F);
                    self.start(name, tag, attrs, void || (self_closing && is_foreign_ok(&self.names)))?;
                }
            } else if next == b'/' && s.get(lt + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
                self.text(&html[text_start..lt], true);
                let mut j = lt + 2;
                while j < n && !matches!(s[j], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                    j += 1;
                }
                let tag = tag_id(&html[lt + 2..j]);
                let Some(gt) = memchr::memchr(b'>', &s[j..]) else { return Ok(()) };
                i = j + gt + 1;
                text_start = i;
                if tag != 0 {
                    self.end(tag);
                } else {
                    self.end_other(&html[lt + 2..j]);
                }
            } else if s[lt..].starts_with(b"<!--") {
                self.text(&html[text_start..lt], true);
                i = match memchr::memmem::find(&s[lt + 4..], b"-->") {
                    Some(k) => lt + 4 + k + 3,
                    None => n,
                };
                text_start = i;
            } else if next == b'!' || next == b'?' || next == b'/' {
                // Doctype, CDATA, processing instruction, `</>` or `</ 3`: skipped to `>`.
                self.text(&html[text_start..lt], true);
                i = match memchr::memchr(b'>', &s[lt..]) {
                    Some(k) => lt + k + 1,
                    None => n,
                };
                text_start = i;
            } else {
                i = lt + 1; // a literal '<'
            }
        }
        self.text(&html[text_start..], true);
        Ok(())
    }

    fn current(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn append(&mut self, parent: NodeId, data: Data<'a>) -> NodeId {
        let id = self.tree.nodes.len() as NodeId;
        self.tree.nodes.push(Node { parent, first_child: NONE, last_child: NONE, next_sibling: NONE, data });
        let p = &mut self.tree.nodes[parent as usize];
        let last = p.last_child;
        p.last_child = id;
        if last == NONE {
            p.first_child = id;
        } else {
            self.tree.nodes[last as usize].next_sibling = id;
        }
        id
    }

    fn text(&mut self, raw: &'a str, decode_refs: bool) {
        if raw.is_empty() {
            return;
        }
        let parent = self.current();
        let decoded = if decode_refs { decode(raw, false) } else { Cow::Borrowed(raw) };
        let last = self.tree.nodes[parent as usize].last_child;
        if last != NONE
            && let Data::Text(t) = &mut self.tree.nodes[last as usize].data
        {
            t.to_mut().push_str(&decoded);
            return;
        }
        self.append(parent, Data::Text(decoded));
    }

    fn open(&mut self, name: Name, tag: u16, attrs: Vec<Attr<'a>>) -> Result<NodeId, TooManyElements> {
        self.elements += 1;
        if self.max_elements > 0 && self.elements > self.max_elements {
            return Err(TooManyElements);
        }
        let parent = self.current();
        let id = self.append(parent, Data::Element { name, tag, attrs });
        self.stack.push(id);
        self.names.push(tag);
        Ok(id)
    }

    fn close_top(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
            self.names.pop();
        }
    }

    /// Position in the stack of the nearest open `name`, searching down to a scope boundary.
    fn in_scope(&self, targets: &[u16], boundary: u16) -> Option<usize> {
        for k in (1..self.names.len()).rev() {
            let n = self.names[k];
            if targets.contains(&n) {
                return Some(k);
            }
            if has(n, boundary) {
                return None;
            }
        }
        None
    }

    fn pop_to(&mut self, k: usize) {
        self.stack.truncate(k.max(1));
        self.names.truncate(k.max(1));
    }

    fn start(&mut self, name: Name, tag: u16, attrs: Vec<Attr<'a>>, void: bool) -> Result<(), TooManyElements> {
        if self.names.last() == Some(&T_HEAD) && !matches!(tag, T_HTML | T_HEAD | T_BODY) && !T_IN_HEAD.contains(&tag) {
            self.close_top();
        }
        match tag {
            T_HTML => {
                if self.seen_html || self.stack.len() > 1 {
                    self.merge_attrs(attrs, "html");
                    return Ok(());
                }
                self.seen_html = true;
            }
            T_BODY => {
                if self.seen_body {
                    return Ok(());
                }
                self.seen_body = true;
                if let Some(k) = self.in_scope(&[T_HEAD], 0) {
                    self.pop_to(k);
                }
            }
            T_HEAD if self.in_scope(&[T_HEAD, T_BODY], 0).is_some() => return Ok(()),
            _ => {}
        }
        if has(tag, CLOSES_P_F)
            && let Some(k) = self.in_scope(&[T_P], SCOPE_F)
        {
            self.pop_to(k);
        }
        match tag {
            T_LI => {
                if let Some(k) = self.in_scope(&[T_LI], LIST_SCOPE_F) {
                    self.pop_to(k);
                }
            }
            T_DT | T_DD => {
                if let Some(k) = self.in_scope(&[T_DT, T_DD], LIST_SCOPE_F) {
                    self.pop_to(k);
                }
            }
            T_TR => {
                if let Some(k) = self.in_scope(&[T_TR], TABLE_F) {
                    self.pop_to(k);
                }
            }
            T_TD | T_TH => {
                if let Some(k) = self.in_scope(&[T_TD, T_TH], ROW_F) {
                    self.pop_to(k);
                }
            }
            T_TBODY | T_THEAD | T_TFOOT => {
                if let Some(k) = self.in_scope(&[T_TBODY, T_THEAD, T_TFOOT], TABLE_F) {
                    self.pop_to(k);
                }
            }
            T_OPTION if self.names.last() == Some(&T_OPTION) => self.close_top(),
            _ if T_HEADINGS.contains(&tag) && self.names.last().is_some_and(|n| T_HEADINGS.contains(n)) => {
                self.close_top();
            }
            T_A => {
                if let Some(k) = self.in_scope(&[T_A], BLOCK_F) {
                    self.pop_to(k);
                }
            }
            _ => {}
        }
        if self.stack.len() >= MAX_DEPTH && !void {
            // Deeper than any real page: the tag is dropped (its content stays, in the current
            // element), so hostile nesting costs linear time.
            return Ok(());
        }
        self.open(name, tag, attrs)?;
        if void {
            self.close_top();
        }
        Ok(())
    }

    fn merge_attrs(&mut self, attrs: Vec<Attr<'a>>, name: &str) {
        let Some(&id) = self.stack.iter().skip(1).find(|&&id| self.tree.name(id) == Some(name)) else { return };
        if let Data::Element { attrs: have, .. } = &mut self.tree.nodes[id as usize].data {
            for (k, v) in attrs {
                if !have.iter().any(|(h, _)| *h == k) {
                    have.push((k, v));
                }
            }
        }
    }

    /// The end tag of an element outside the tag table (a custom element such as
    /// `<amp-ad>` or `<my-widget>`): as the HTML standard's "any other end tag", it closes the
    /// nearest open element of that name unless a block-level element is open above it (then
    /// it is ignored). Without this, a custom element never closes and everything after it
    /// nests inside it (inside a hidden one, the rest of the page would be hidden).
    fn end_other(&mut self, raw: &str) {
        for k in (1..self.names.len()).rev() {
            let n = self.names[k];
            if n == 0 {
                if self.tree.name(self.stack[k]).is_some_and(|name| name.eq_ignore_ascii_case(raw)) {
                    self.pop_to(k);
                    return;
                }
            } else if has(n, BLOCK_F | TABLE_F | ROOT_F) {
                return;
            }
        }
    }

    fn end(&mut self, tag: u16) {
        if tag == T_BODY || tag == T_HTML || tag == T_BR {
            return;
        }
        let boundary = if tag == T_TABLE {
            ROOT_F
        } else if has(tag, TABLE_PART_F) {
            // A cell's, row's or section's end tag closes one of its own table, never one of a
            // table around it (the standard's "table scope"): a stray `</tr>` inside a nested
            // table would otherwise close the outer table's row, and the tables' later end tags
            // the tables around them, moving the rest of the page out of them.
            TABLE_F | ROOT_F
        } else if has(tag, BLOCK_F) {
            TABLE_F | ROOT_F
        } else {
            BLOCK_F
        };
        if let Some(k) = self.in_scope(&[tag], boundary) {
            self.pop_to(k);
        }
    }
}

/// Self-closing syntax (`<div/>`) is ignored on HTML elements; it only matters in SVG/MathML.
fn is_foreign_ok(names: &[u16]) -> bool {
    names.iter().any(|&n| n == T_SVG || n == T_MATH)
}

type StartTag<'a> = (usize, (Name, u16), Vec<Attr<'a>>, bool);

/// Parse a start tag at `lt` (`<` followed by a letter). Returns the index after `>`, the
/// lowercase name, the attributes and whether it ended in `/>`; `None` when the page ends
/// inside the tag.
fn start_tag(html: &str, lt: usize) -> Option<StartTag<'_>> {
    let s = html.as_bytes();
    let n = s.len();
    let mut j = lt + 1;
    while j < n && !matches!(s[j], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
        j += 1;
    }
    let name = intern(&html[lt + 1..j]);
    let mut attrs: Vec<Attr<'_>> = Vec::new();
    let mut self_closing = false;
    loop {
        while j < n && matches!(s[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            j += 1;
        }
        if j >= n {
            return None;
        }
        match s[j] {
            b'>' => return Some((j + 1, name, attrs, self_closing)),
            b'/' => {
                j += 1;
                self_closing = s.get(j) == Some(&b'>');
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let ks = j;
        j += 1;
        while j < n && !matches!(s[j], b'>' | b'/' | b'=' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            j += 1;
        }
        let raw_key = &html[ks..j];
        let key = if raw_key.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw_key.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw_key)
        };
        while j < n && matches!(s[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            j += 1;
        }
        let mut value = Cow::Borrowed("");
        if j < n && s[j] == b'=' {
            j += 1;
            while j < n && matches!(s[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                j += 1;
            }
            if j >= n {
                return None;
            }
            if s[j] == b'"' || s[j] == b'\'' {
                let q = s[j];
                let close = memchr::memchr(q, &s[j + 1..])?;
                value = decode(&html[j + 1..j + 1 + close], true);
                j = j + 1 + close + 1;
            } else {
                let vs = j;
                while j < n && !matches!(s[j], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                    j += 1;
                }
                value = decode(&html[vs..j], true);
            }
        }
        if !attrs.iter().any(|(k, _)| *k == key) {
            attrs.push((key, value));
        }
    }
}

/// The end of a raw-text element's content: (start of `</name`, index after its `>`), or the
/// end of the page when it is never closed.
fn find_end_tag(s: &[u8], from: usize, name: &str) -> (usize, usize) {
    let nb = name.as_bytes();
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &s[i..]) {
        let at = i + off;
        i = at + 1;
        if s.get(at + 1) != Some(&b'/') {
            continue;
        }
        let after = at + 2 + nb.len();
        if after <= s.len()
            && s[at + 2..after].eq_ignore_ascii_case(nb)
            && s.get(after).is_none_or(|c| matches!(c, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            let end = memchr::memchr(b'>', &s[after..]).map_or(s.len(), |k| after + k + 1);
            return (at, end);
        }
    }
    (s.len(), s.len())
}

/// Decode character references (`&amp;`, `&#8220;`, `&#x201C;`, `&nbsp`, …) with the WHATWG
/// table; anything that is not a reference stays as written.
pub fn decode_entities(raw: &str) -> String {
    decode(raw, false).into_owned()
}

/// `raw` itself when it holds no reference, else a decoded copy.
fn decode(raw: &str, in_attr: bool) -> Cow<'_, str> {
    let s = raw.as_bytes();
    // Most values and text nodes are short and hold no `&`: answered without a memchr call.
    if s.len() < 32 && !s.contains(&b'&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::new();
    let mut i = 0;
    let mut last = 0;
    while let Some(off) = memchr::memchr(b'&', &s[i..]) {
        let amp = i + off;
        i = amp + 1;
        let Some((ch, len)) = reference(&raw[amp + 1..], in_attr) else { continue };
        if out.capacity() == 0 {
            out.reserve(raw.len());
        }
        out.push_str(&raw[last..amp]);
        out.push_str(&ch);
        i = amp + 1 + len;
        last = i;
    }
    if last == 0 {
        return Cow::Borrowed(raw);
    }
    out.push_str(&raw[last..]);
    Cow::Owned(out)
}

/// The reference at the start of `rest` (after `&`): its characters and the bytes it spans.
fn reference(rest: &str, in_attr: bool) -> Option<(String, usize)> {
    let b = rest.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = if matches!(b.get(1), Some(b'x' | b'X')) { (true, 2) } else { (false, 1) };
        let mut j = start;
        while j < b.len() && (if hex { b[j].is_ascii_hexdigit() } else { b[j].is_ascii_digit() }) {
            j += 1;
        }
        if j == start || j - start > 8 {
            return None;
        }
        let v = u32::from_str_radix(&rest[start..j], if hex { 16 } else { 10 }).ok()?;
        let len = if b.get(j) == Some(&b';') { j + 1 } else { j };
        let c = match v {
            0x80..=0x9f => windows_1252_c1(v),
            0 => '\u{fffd}',
            _ => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return Some((c.to_string(), len));
    }
    let mut j = 0;
    while j < b.len() && j < 32 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == 0 {
        return None;
    }
    // The table also lists every prefix of every name with the value (0, 0): not a match.
    let table = &markup5ever::data::NAMED_ENTITIES;
    if b.get(j) == Some(&b';')
        && let Some(&(a, c)) = table.get(&rest[..=j])
        && a != 0
    {
        return Some((chars(a, c), j + 1));
    }
    // Legacy references without `;` (`&nbsp`, `&amp`, `&copy`): the longest known prefix. In
    // an attribute value, one followed by a letter, digit or `=` stays as written (`?a=1&copy=2`).
    for k in (2..=j.min(6)).rev() {
        if let Some(&(a, c)) = table.get(&rest[..k])
            && a != 0
        {
            if in_attr && b.get(k).is_some_and(|x| x.is_ascii_alphanumeric() || *x == b'=') {
                return None;
            }
            return Some((chars(a, c), k));
        }
    }
    None
}

fn chars(a: u32, b: u32) -> String {
    let mut s = String::new();
    s.extend(char::from_u32(a));
    if b != 0 {
        s.extend(char::from_u32(b));
    }
    s
}

/// Numeric references in 0x80–0x9F mean Windows-1252 characters (HTML's rule).
fn windows_1252_c1(v: u32) -> char {
    let byte = [v as u8];
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte).0.chars().next().unwrap_or('\u{fffd}')
}

/// Collapse whitespace runs to one space and trim.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(t: &Tree, id: NodeId, out: &mut String) {
        match &t.nodes[id as usize].data {
            Data::Text(s) => out.push_str(&format!("'{s}'")),
            Data::Element { name, .. } => {
                out.push_str(&format!("<{name}>"));
                for c in t.children(id) {
                    shape(t, c, out);
                }
                out.push_str(&format!("</{name}>"));
            }
            Data::Document => {
                for c in t.children(id) {
                    shape(t, c, out);
                }
            }
        }
    }

    fn tree(html: &str) -> String {
        let t = Tree::parse(html, 0).unwrap();
        let mut s = String::new();
        shape(&t, 0, &mut s);
        s
    }

    #[test]
    fn paragraphs_list_items_and_cells_close_implicitly() {
        assert_eq!(tree("<div><p>a<p>b<div>c</div></div>"), "<div><p>'a'</p><p>'b'</p><div>'c'</div></div>");
        assert_eq!(tree("<ul><li>a<li>b</ul>"), "<ul><li>'a'</li><li>'b'</li></ul>");
        assert_eq!(
            tree("<table><tr><td>a<td>b<tr><td>c</table>"),
            "<table><tr><td>'a'</td><td>'b'</td></tr><tr><td>'c'</td></tr></table>"
        );
    }

    #[test]
    fn a_stray_end_tag_in_a_nested_table_stays_in_that_table() {
        // A cell without its row, then the row's end tag: ignored there, it does not close the
        // outer table's row (which would move the paragraph after the inner table out of the
        // outer cell).
        assert_eq!(
            tree("<table><tr><td><table><tr><td>a</td></tr><td>b</td></tr></table><p>c</p></td></tr></table>"),
            "<table><tr><td><table><tr><td>'a'</td></tr><td>'b'</td></table><p>'c'</p></td></tr></table>"
        );
        // A stray cell end tag inside the inner table does not close the outer cell.
        assert_eq!(
            tree("<table><tr><td><table><tr><th>h</th></td></tr></table>x</td><td>y</td></tr></table>"),
            "<table><tr><td><table><tr><th>'h'</th></tr></table>'x'</td><td>'y'</td></tr></table>"
        );
    }

    #[test]
    fn stray_and_inline_end_tags_do_not_break_blocks() {
        assert_eq!(tree("<div><b>x<p>y</b>z</p></div>"), "<div><b>'x'<p>'yz'</p></b></div>");
        assert_eq!(tree("<div>a</span>b</div>"), "<div>'ab'</div>");
        assert_eq!(tree("<div><div>a</div>b</div>c"), "<div><div>'a'</div>'b'</div>'c'");
    }

    #[test]
    fn custom_elements_close_at_their_end_tags() {
        assert_eq!(
            tree("<amp-ad style=\"display:none\">x</amp-ad><div>a</div><My-Widget>b</my-widget>c"),
            "<amp-ad>'x'</amp-ad><div>'a'</div><my-widget>'b'</my-widget>'c'"
        );
        // Nested ones of the same name close one at a time.
        assert_eq!(tree("<x-a><x-a>1</x-a>2</x-a>3"), "<x-a><x-a>'1'</x-a>'2'</x-a>'3'");
        // A block element still open above it: the end tag is ignored, as browsers do.
        assert_eq!(tree("<x-b><div>1</x-b>2</div>"), "<x-b><div>'12'</div></x-b>");
    }

    #[test]
    fn raw_text_comments_attributes_and_references() {
        let t = Tree::parse(
            "<!DOCTYPE html><html LANG=id><script type='application/ld+json'>{\"a\": \"<b>\"}</p></script><script>var x = '<p>';</script><!-- <p>no</p> --><p class=\"x &amp; y\" data-n=3 data-u='?a=1&copy=2&amp;b'>A&amp;B &#8220;q&#x201D; &nbsp;&copy &bogus; 5 < 6</p><br/>",
            0,
        )
        .unwrap();
        let html = t.elements("html").next().unwrap();
        assert_eq!(t.attr(html, "lang"), Some("id"));
        let mut scripts = t.elements("script");
        assert_eq!(t.text(scripts.next().unwrap()), "{\"a\": \"<b>\"}</p>");
        // Script text other than JSON is not kept (never read).
        assert_eq!(t.text(scripts.next().unwrap()), "");
        let p = t.elements("p").next().unwrap();
        assert_eq!(t.attr(p, "class"), Some("x & y"));
        assert_eq!(t.attr(p, "data-n"), Some("3"));
        assert_eq!(t.attr(p, "data-u"), Some("?a=1&copy=2&b"));
        assert_eq!(t.text(p), "A&B \u{201c}q\u{201d} \u{a0}\u{a9} &bogus; 5 < 6");
        assert_eq!(t.elements("p").count(), 1);
        assert_eq!(t.elements("br").count(), 1);
    }

    #[test]
    fn unterminated_title_swallows_the_rest_and_a_cut_tag_is_dropped() {
        let t = Tree::parse("<title>x<body><p>y", 0).unwrap();
        assert_eq!(t.elements("p").count(), 0);
        assert_eq!(tree("<p>a</p><a href=\"/x"), "<p>'a'</p>");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(20_000) + "tief";
        let t = Tree::parse(&html, 0).unwrap();
        assert_eq!(t.text(0), "tief");
    }

    #[test]
    fn tag_ids_ignore_ascii_case_and_nothing_else() {
        for (i, n) in NAMES.iter().enumerate() {
            assert_eq!(tag_id(n), i as u16 + 1, "{n}");
            assert_eq!(tag_id(&n.to_ascii_uppercase()), i as u16 + 1, "{n}");
        }
        assert_eq!(tag_id("p\0"), 0);
        assert_eq!(tag_id("custom-element"), 0);
        assert_eq!(tag_id("a-very-long-custom-element-name"), 0);
        assert_eq!(tag_id(""), 0);
        assert_eq!(tag_id("DiV"), t("div"));
    }

    #[test]
    fn element_limit() {
        assert_eq!(Tree::parse("<p>a<p>b<p>c", 2).unwrap_err(), TooManyElements);
        assert!(Tree::parse("<p>a<p>b<p>c", 3).is_ok());
    }
}
