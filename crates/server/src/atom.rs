//! Atom 1.0 (RFC 4287) feeds of saved searches: the newest matching articles, each linking to
//! the web app's article page. Every piece of text is XML-escaped, and characters XML 1.0
//! cannot hold (control characters) are dropped.

use warta_store::saved::{FeedItem, SavedSearch};

/// The media type of an Atom feed.
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// Text as XML character data or an attribute value: `& < > " '` escaped, and characters not
/// allowed in XML 1.0 (C0 controls but tab and newlines, lone surrogates cannot occur in a
/// `str`, U+FFFE and U+FFFF) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The feed of `search` with `items` (newest first). `base` is the server's own URL
/// (`http://host:port`, no trailing slash): links point at its web app.
pub fn feed(base: &str, search: &SavedSearch, items: &[FeedItem]) -> String {
    let self_url = format!("{base}/api/saved/{}/atom", search.id);
    let updated = items.iter().map(|i| i.ingested_at.as_str()).max().unwrap_or(search.created_at.as_str());
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"id\">\n");
    x.push_str(&format!("  <id>{}</id>\n", escape(&self_url)));
    x.push_str(&format!("  <title>warta: {}</title>\n", escape(&search.name)));
    x.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(&describe(search))));
    x.push_str(&format!("  <updated>{}</updated>\n", escape(updated)));
    x.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", escape(&self_url)));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&format!("{base}/#/saved"))
    ));
    x.push_str("  <author><name>warta</name></author>\n");
    x.push_str("  <generator>warta</generator>\n");
    for item in items {
        let a = &item.article;
        let url = format!("{base}/#/article/{}", a.id);
        let title = a.title.as_deref().unwrap_or(&a.source);
        let summary: Vec<&str> = [a.outlet.as_deref(), a.published.as_deref(), a.story_title.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <id>{}</id>\n", escape(&url)));
        x.push_str(&format!("    <title>{}</title>\n", escape(title)));
        x.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&url)));
        x.push_str(&format!("    <updated>{}</updated>\n", escape(&item.ingested_at)));
        if !summary.is_empty() {
            x.push_str(&format!("    <summary>{}</summary>\n", escape(&summary.join(" · "))));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// The query and filters in words, for the feed's subtitle.
fn describe(search: &SavedSearch) -> String {
    let f = &search.filters;
    let mut parts = vec![format!("kueri: {}", search.query)];
    if let Some(o) = &f.outlet {
        parts.push(format!("media: {o}"));
    }
    if let Some(e) = &f.entity {
        parts.push(format!("entitas: {e}"));
    }
    if let Some(d) = f.from {
        parts.push(format!("dari: {d}"));
    }
    if let Some(d) = f.to {
        parts.push(format!("sampai: {d}"));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_store::ArticleRef;
    use warta_store::saved::Filters;

    #[test]
    fn text_is_escaped_and_controls_dropped() {
        assert_eq!(escape("A & B <i>\"x\" 'y'\u{1}"), "A &amp; B &lt;i&gt;&quot;x&quot; &apos;y&apos;");
        assert_eq!(escape("baris\nbaru"), "baris\nbaru");
    }

    #[test]
    fn a_feed_names_its_entries() {
        let search = SavedSearch {
            id: 3,
            name: "Rob & <pantura>".into(),
            query: "\"banjir rob\"".into(),
            filters: Filters { outlet: Some("kabar.test".into()), ..Filters::default() },
            created_at: "2024-06-01T00:00:00Z".into(),
            seen_through: 0,
            seen_at: "2024-06-01T00:00:00Z".into(),
        };
        let item = FeedItem {
            article: ArticleRef {
                id: 9,
                source: "kabar/9.txt".into(),
                title: Some("Rob \"lagi\" di <Demak>".into()),
                outlet: Some("kabar.test".into()),
                published: Some("2024-06-06".into()),
                story: None,
                story_title: None,
            },
            ingested_at: "2024-06-06T08:00:00Z".into(),
        };
        let x = feed("http://127.0.0.1:8080", &search, &[item]);
        assert!(x.starts_with("<?xml"));
        assert!(x.contains("<title>warta: Rob &amp; &lt;pantura&gt;</title>"), "{x}");
        assert!(x.contains("<title>Rob &quot;lagi&quot; di &lt;Demak&gt;</title>"), "{x}");
        assert!(x.contains("href=\"http://127.0.0.1:8080/#/article/9\""), "{x}");
        assert!(x.contains("<updated>2024-06-06T08:00:00Z</updated>"), "{x}");
        assert!(x.contains("<id>http://127.0.0.1:8080/api/saved/3/atom</id>"), "{x}");
        assert_eq!(x.matches("<entry>").count(), 1);
        assert!(!x.contains("<Demak>") && !x.contains("& "), "{x}");
    }
}
