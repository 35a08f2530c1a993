//! The light-tree main-text extractor on small pages written for these tests: div soup with
//! `<br>` paragraphs, a related-links block inside the article, a comment section, an article
//! split over two containers, lists and headings inside the article, and a page whose longest
//! text block is a sidebar of links.

use warta_html::main_text::{MainText, extract};
use warta_html::tree::Tree;

const P: &[&str] = &[
    "Petani di lereng gunung mulai memanen kopi lebih awal tahun ini karena hujan turun sejak pertengahan bulan, sehingga buah cepat matang.",
    "Ketua kelompok tani mengatakan harga di tingkat pengepul naik, tetapi jumlah pekerja yang tersedia untuk memetik tidak bertambah.",
    "Dinas pertanian berencana mengirim penyuluh ke desa-desa itu pekan depan untuk membantu petani menyimpan biji kopi dengan benar.",
    "Sebagian petani memilih menjemur kopi di halaman rumah, sementara yang lain menjualnya basah agar cepat mendapat uang tunai.",
];

fn main_text(html: &str) -> MainText {
    extract(&Tree::parse(html, 0).unwrap())
}

fn chrome(inner: &str) -> String {
    format!(
        "<html><head><title>Kopi</title><script>var x = '<p>bukan teks</p>';</script></head><body>\
         <div id=\"menu\"><a href=\"/\">Beranda</a> <a href=\"/ekonomi\">Ekonomi</a> <a href=\"/daerah\">Daerah</a></div>\
         {inner}\
         <div class=\"footer-links\"><a href=\"/tentang\">Tentang kami</a> | <a href=\"/kontak\">Kontak redaksi</a></div>\
         </body></html>"
    )
}

fn assert_paragraphs(got: &MainText, want: &[&str]) {
    assert_eq!(got.paragraphs, want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{:#?}", got.paragraphs);
}

#[test]
fn div_soup_with_br_paragraphs() {
    let html = chrome(&format!(
        "<div class=\"wrap\"><div class=\"isi\">{}<br><br>{}<br/><br/>\n{}<br>{}</div></div>",
        P[0], P[1], P[2], P[3]
    ));
    assert_paragraphs(&main_text(&html), P);
}

#[test]
fn related_links_block_inside_the_article_is_dropped() {
    let html = chrome(&format!(
        "<div class=\"article-body\"><p>{}</p><p>{}</p>\
         <div class=\"box\"><ul><li><a href=\"/a\">Harga kopi dunia turun tajam pada pekan lalu</a></li>\
         <li><a href=\"/b\">Petani cengkeh panen raya di musim kemarau</a></li>\
         <li><a href=\"/c\">Ekspor teh melonjak di awal tahun</a></li></ul></div>\
         <p>{}</p><p>{}</p></div>",
        P[0], P[1], P[2], P[3]
    ));
    assert_paragraphs(&main_text(&html), P);
}

#[test]
fn comment_section_is_not_the_article() {
    let comments: String = (0..6)
        .map(|i| {
            format!(
                "<div class=\"comment-item\"><p>Pembaca {i} menulis: saya setuju, harga kopi memang naik, tetapi pengepul juga harus adil kepada petani kecil di desa.</p></div>"
            )
        })
        .collect();
    let html = chrome(&format!(
        "<article><p>{}</p><p>{}</p><p>{}</p><p>{}</p></article><section id=\"comments\"><h3>Komentar</h3>{comments}</section>",
        P[0], P[1], P[2], P[3]
    ));
    assert_paragraphs(&main_text(&html), P);
}

#[test]
fn article_split_over_two_containers() {
    // The story runs in two sibling containers with an ad between them.
    let html = chrome(&format!(
        "<div class=\"main\"><div class=\"text-part\"><p>{}</p><p>{}</p></div>\
         <div class=\"ad-slot\"><a href=\"/iklan\">Iklan</a></div>\
         <div class=\"text-part\"><p>{}</p><p>{}</p></div></div>",
        P[0], P[1], P[2], P[3]
    ));
    assert_paragraphs(&main_text(&html), P);
}

#[test]
fn headings_and_lists_of_prose_inside_the_article_are_kept() {
    let html = chrome(&format!(
        "<article><h1>Panen Kopi Lebih Awal</h1><p>{}</p><h2>Harga di pengepul</h2><p>{}</p>\
         <ul><li>Kopi basah dijual per kilogram, dengan harga yang berbeda di setiap desa.</li>\
         <li>Kopi kering disimpan di gudang koperasi sampai harga membaik.</li></ul><p>{}</p></article>",
        P[0], P[1], P[2]
    ));
    let got = main_text(&html);
    assert_paragraphs(
        &got,
        &[
            P[0],
            "Harga di pengepul",
            P[1],
            "Kopi basah dijual per kilogram, dengan harga yang berbeda di setiap desa.",
            "Kopi kering disimpan di gudang koperasi sampai harga membaik.",
            P[2],
        ],
    );
}

#[test]
fn long_link_lists_lose_to_the_prose() {
    let links: String = (0..40)
        .map(|i| format!("<li><a href=\"/b/{i}\">Berita daerah nomor {i} tentang jalan, pasar dan sekolah</a></li>"))
        .collect();
    let html = chrome(&format!(
        "<div class=\"col\"><ul class=\"list\">{links}</ul></div><div class=\"col\"><p>{}</p><p>{}</p><p>{}</p></div>",
        P[0], P[1], P[2]
    ));
    assert_paragraphs(&main_text(&html), &P[..3]);
}

#[test]
fn captions_are_kept_apart_and_hidden_text_is_skipped() {
    let html = chrome(&format!(
        "<article><p>{}</p><figure><img src=\"k.jpg\"><figcaption>Petani menjemur biji kopi di halaman.</figcaption></figure>\
         <div style=\"display: none\">Teks tersembunyi yang tidak boleh ikut terbaca sebagai isi berita.</div><p>{}</p></article>",
        P[0], P[1]
    ));
    let got = main_text(&html);
    assert_paragraphs(&got, &P[..2]);
    assert_eq!(got.captions, vec!["Petani menjemur biji kopi di halaman.".to_string()]);
}

#[test]
fn a_page_without_prose_gives_nothing() {
    let got = main_text("<html><body><nav><a href=\"/\">Beranda</a></nav></body></html>");
    assert!(got.paragraphs.is_empty(), "{:?}", got.paragraphs);
}

#[test]
fn a_short_post_does_not_give_way_to_its_comments() {
    let comments: String = (0..12)
        .map(|i| {
            format!(
                "<li class=\"comment\"><div class=\"comment-author\">Pembaca {i}</div><div class=\"comment-body\"><p>{}</p></div></li>",
                P[i % 4]
            )
        })
        .collect();
    let html = chrome(&format!(
        "<div id=\"content\"><div class=\"post\"><h2>Panen kopi</h2><div class=\"entry-content\"><p>Panen kopi tahun ini datang lebih awal.</p></div></div>\
         <div id=\"comments\"><h3>12 tanggapan</h3><ol class=\"commentlist\">{comments}</ol></div></div>"
    ));
    let got = main_text(&html);
    assert_eq!(got.paragraphs, vec!["Panen kopi".to_string(), "Panen kopi tahun ini datang lebih awal.".to_string()]);
}

#[test]
fn a_wrapper_named_after_its_sidebar_is_still_read() {
    let html = chrome(&format!(
        "<div class=\"layout with-sidebar-right\"><div class=\"article-body\"><p>{}</p><p>{}</p><p>{}</p></div>\
         <div class=\"sidebar\"><p>Iklan: langganan koran digital hanya sepuluh ribu rupiah sebulan.</p></div></div>",
        P[0], P[1], P[2]
    ));
    assert_paragraphs(&main_text(&html), &P[..3]);
}

#[test]
fn a_div_used_as_a_paragraph_next_to_the_article_joins_it() {
    let html = chrome(&format!(
        "<div class=\"wrap\"><div class=\"intro\">{}</div><div class=\"read-all\"><p>{}</p><p>{}</p><p>{}</p></div>\
         <div class=\"para\">Kelompok tani akan menggelar pasar kopi di balai desa.</div></div>",
        P[3], P[0], P[1], P[2]
    ));
    let got = main_text(&html);
    assert_eq!(
        got.paragraphs.last().map(String::as_str),
        Some("Kelompok tani akan menggelar pasar kopi di balai desa.")
    );
    assert!(got.paragraphs.contains(&P[0].to_string()), "{:#?}", got.paragraphs);
}

#[test]
fn an_aside_named_as_the_post_is_read() {
    let html = chrome(&format!(
        "<section id=\"kolom\"><aside class=\"blogPost\"><div class=\"blogContent\"><p>{}</p><p>{}</p></div></aside>\
         <aside class=\"widget\"><p>Arsip bulan lalu dan daftar kategori blog ini.</p></aside></section>",
        P[0], P[1]
    ));
    assert_paragraphs(&main_text(&html), &P[..2]);
}

#[test]
fn a_text_cut_into_alike_boxes_beats_one_box_elsewhere() {
    // One box of other text with many commas scores highest on its own; the article is cut
    // into three alike boxes in another column, which together outweigh it.
    let notice = "Ongkos kirim, pajak, bea masuk, asuransi, biaya gudang, biaya kemas, biaya lain, dihitung saat pembayaran, bukan sekarang.";
    let box_ = |t: &str| format!("<div class=\"kotak\"><div class=\"kotak-dalam\"><p>{t}</p><p>{t}</p></div></div>");
    let html = chrome(&format!(
        "<div class=\"kiri\"><div class=\"bingkai\"><div class=\"catatan\"><p>{notice}</p></div></div></div>\
         <div class=\"kanan\"><div class=\"rows\">{}{}{}</div></div>",
        box_(&format!("{} {}", P[0], P[1])),
        box_(&format!("{} {}", P[2], P[3])),
        box_(&format!("{} {}", P[1], P[0])),
    ));
    let got = main_text(&html);
    assert!(!got.paragraphs.iter().any(|p| p.starts_with("Ongkos")), "{:#?}", got.paragraphs);
    assert_eq!(got.paragraphs.len(), 6, "{:#?}", got.paragraphs);
}

#[test]
fn an_unnamed_comment_section_after_the_article_is_dropped() {
    let html = chrome(&format!(
        "<div class=\"cerita\"><p>{}</p><p>{}</p><p>Komentar sudah ditutup.</p><p>Tulis komentar:</p>\
         <p>Budi: Harga kopi di pasar kami juga naik, tapi pembelinya tetap banyak setiap pagi.</p>\
         <p>Sari: Semoga penyuluhnya benar-benar datang ke desa kami minggu depan.</p></div>",
        P[0], P[1]
    ));
    let got = main_text(&html);
    assert_paragraphs(&got, &[P[0], P[1], "Komentar sudah ditutup."]);
    assert!(got.dropped.iter().any(|d| d.text.starts_with("Budi:")), "{:#?}", got.dropped);
}

#[test]
fn a_list_of_teaser_cards_inside_the_article_is_dropped() {
    // Each card: a headline, a line of summary, a link to the page it announces.
    let card = |i: usize, head: &str| {
        format!(
            "<li><h3>{head}</h3><p>Ringkasan singkat berita ini untuk pembaca. <a href=\"/berita/{i}\">Selengkapnya</a></p></li>"
        )
    };
    let html = chrome(&format!(
        "<div class=\"isi\"><p>{}</p><p>{}</p><p>{}</p><p>{}</p>\
         <ul>{}{}{}</ul></div>",
        P[0],
        P[1],
        P[2],
        P[3],
        card(1, "Harga cengkeh naik di pasar desa"),
        card(2, "Ekspor teh melonjak awal tahun"),
        card(3, "Petani tembakau menunggu hujan")
    ));
    let got = main_text(&html);
    assert_paragraphs(&got, P);
    assert!(got.dropped.iter().any(|d| d.text.starts_with("Harga cengkeh")), "{:#?}", got.dropped);
}

#[test]
fn a_list_of_headed_items_linking_to_one_page_is_kept() {
    // Places of an event, each a heading and an address, all linking to the one sign-up page:
    // the page's own content, not teasers.
    let item = |city: &str, addr: &str| format!("<li><a href=\"/daftar\"><h3>{city}</h3></a><p>{addr}</p></li>");
    let html = chrome(&format!(
        "<div class=\"isi\"><p>{}</p><p>{}</p><ul>{}{}{}</ul><p>{}</p></div>",
        P[0],
        P[1],
        item("Bandung", "Gedung Sate, Jalan Diponegoro 22"),
        item("Medan", "Lapangan Merdeka, Jalan Balai Kota"),
        item("Makassar", "Pantai Losari, Jalan Penghibur"),
        P[2]
    ));
    let got = main_text(&html);
    assert!(got.paragraphs.iter().any(|p| p.starts_with("Gedung Sate")), "{:#?}", got.paragraphs);
}

#[test]
fn a_long_list_of_text_in_a_div_is_kept() {
    // A div holding a long list of plain items (patch notes, steps) and few paragraphs: prose
    // by its low link density, not a menu.
    let items: String = (0..8)
        .map(|i| {
            format!("<li>Waktu tunggu di zona {i} dikurangi dari sembilan puluh detik menjadi delapan puluh detik</li>")
        })
        .collect();
    let html = chrome(&format!(
        "<div class=\"isi\"><p>{}</p><p>{}</p><div class=\"catatan\"><h3>Perubahan</h3><p>Daftar lengkap:</p><ul>{items}</ul></div><p>{}</p></div>",
        P[0], P[1], P[2]
    ));
    let got = main_text(&html);
    assert!(got.paragraphs.iter().any(|p| p.starts_with("Waktu tunggu di zona 7")), "{:#?}", got.paragraphs);
}

#[test]
fn a_short_post_under_the_headline_is_not_replaced_by_a_longer_box_elsewhere() {
    // A short post under its headline (the page title after the blog's name), and a longer
    // "about" box that only the relaxed passes read.
    let about = format!("<p>{}</p><p>{}</p><p>{}</p><p>{}</p>", P[0], P[1], P[2], P[3]).replace("kopi", "teh");
    let html = format!(
        "<html><head><title>Catatan Kebun: Panen pertama musim ini</title></head><body>\
         <h1>Catatan Kebun</h1>\
         <div class=\"post\"><h3>Panen pertama musim ini</h3><div class=\"entry\"><p>{}</p></div></div>\
         <div class=\"extra-box\"><h2>Tentang saya</h2>{about}</div>\
         </body></html>",
        P[0]
    );
    let got = main_text(&html);
    assert_paragraphs(&got, &[P[0]]);
}

/// A shop's or a directory's page: entries whose names link to their own pages, a price or
/// nothing beside each.
fn catalogue(entries: &[(&str, &str)], after: &str) -> String {
    let items: String = entries
        .iter()
        .enumerate()
        .map(|(i, (name, price))| {
            format!("<div class=\"item\"><a href=\"/barang/{i}\">{name}</a><div class=\"harga\">{price}</div></div>")
        })
        .collect();
    chrome(&format!("<div class=\"katalog\"><h1>Toko Kain Ibu Sari</h1>{items}{after}</div>"))
}

const ENTRIES: &[(&str, &str)] = &[
    ("Kain batik tulis motif parang dari Solo, dua meter", "Rp450.000"),
    ("Kain tenun ikat dari Sumba dengan pewarna alami", "Rp1.200.000"),
    ("Selendang songket Palembang benang emas", "Rp850.000"),
    ("Kain lurik Klaten tenunan tangan, satu setengah meter", "Rp175.000"),
];

#[test]
fn a_catalogue_of_linked_entries_keeps_its_entries() {
    let got = main_text(&catalogue(ENTRIES, ""));
    for (name, price) in ENTRIES {
        assert!(got.paragraphs.iter().any(|p| p == name), "{name}: {:#?}", got.paragraphs);
        assert!(got.paragraphs.iter().any(|p| p == price), "{price}: {:#?}", got.paragraphs);
    }
    // In page order: each name before its price.
    let at = |s: &str| got.paragraphs.iter().position(|p| p == s).unwrap();
    assert!(at(ENTRIES[0].0) < at(ENTRIES[0].1) && at(ENTRIES[0].1) < at(ENTRIES[1].0), "{:#?}", got.paragraphs);
    assert!(!got.dropped.iter().any(|d| d.reason == warta_html::main_text::DropReason::LinkList));
}

#[test]
fn links_after_a_sentence_of_prose_stay_dropped() {
    // The same entries under a post that reads as prose: links to other pages, not the text.
    let got = main_text(&catalogue(ENTRIES, &format!("<p>{}</p>", P[0])));
    assert!(got.paragraphs.iter().all(|p| !ENTRIES.iter().any(|(n, _)| p == n)), "{:#?}", got.paragraphs);
}

#[test]
fn a_menu_of_short_links_stays_dropped() {
    // Link runs of a word or two are a menu, whatever else the container holds.
    let menu: &[(&str, &str)] = &[("Beranda", ""), ("Kain", ""), ("Selendang", ""), ("Kontak", ""), ("Keranjang", "")];
    let got = main_text(&catalogue(menu, "<div>Buka setiap hari pukul 08.00 sampai 17.00</div>"));
    assert!(got.paragraphs.iter().all(|p| !menu.iter().any(|(n, _)| p == n)), "{:#?}", got.paragraphs);
}

#[test]
fn a_short_post_whose_container_holds_its_headline_deep_down_is_kept() {
    // A blog's list of posts around its one post: the post's text sits beside its title, and
    // the container found is the list, five levels above the title. A longer "about" box
    // elsewhere does not replace it.
    let about = format!("<p>{}</p><p>{}</p><p>{}</p><p>{}</p>", P[0], P[1], P[2], P[3]).replace("kopi", "teh");
    let html = format!(
        "<html><head><title>Catatan Kebun: Panen pertama musim ini</title></head><body>\
         <div id=\"wrap\"><div id=\"main\"><h1>Catatan Kebun</h1>\
         <div class=\"blog-posts\"><div class=\"date-outer\"><div class=\"date-posts\"><div class=\"post-outer\">\
         <div class=\"post\"><h3>Panen pertama musim ini</h3>{}</div></div></div></div>\
         <div class=\"pager\"><a href=\"/lama\">Tulisan lama</a></div></div></div>\
         <div class=\"extra-box\"><h2>Tentang saya</h2>{about}</div></div>\
         </body></html>",
        P[0]
    );
    let got = main_text(&html);
    assert_paragraphs(&got, &["Panen pertama musim ini", P[0]]);
}

#[test]
fn linked_names_in_a_table_of_data_are_kept() {
    // A table of results under the article: each row a date, a linked club, the score, shots
    // and the crowd. The links are cells of data, not a menu.
    let clubs = [
        ("3 Mei", "Persib Bandung", "2-1"),
        ("10 Mei", "Persija Jakarta", "0-0"),
        ("17 Mei", "Arema", "1-3"),
        ("24 Mei", "PSM Makassar", "2-2"),
    ];
    let rows: String = clubs
        .iter()
        .map(|(d, club, score)| {
            format!("<tr><td>{d}</td><td><a href=\"/klub/{club}\">{club}</a></td><td>{score}</td><td>12 (5)</td><td>24.310 penonton</td></tr>")
        })
        .collect();
    let html = chrome(&format!("<div class=\"isi\"><p>{}</p><p>{}</p><table>{rows}</table></div>", P[0], P[1]));
    let got = main_text(&html);
    for (_, club, _) in clubs {
        assert!(got.paragraphs.iter().any(|p| p == club), "{club}: {:#?}", got.paragraphs);
    }
    // A layout table of one column, a row of links and a label, stays out.
    let layout = "<table><tr><td>Rubrik:</td><td><a href=\"/a\">Beranda</a> | <a href=\"/b\">Ekonomi</a></td><td><a href=\"/c\">Olahraga</a></td></tr></table>";
    let html = chrome(&format!("<div class=\"isi\"><p>{}</p>{layout}<p>{}</p></div>", P[0], P[1]));
    let got = main_text(&html);
    assert!(!got.paragraphs.iter().any(|p| p.contains("Beranda") || p.contains("Olahraga")), "{:#?}", got.paragraphs);
}

/// A player's page: a login prompt, and the statistics in tables of data.
fn stats_page(caption: &str) -> String {
    let rows: String = (1..=12)
        .map(|w| {
            format!(
                "<tr><td>{w}</td><td>{}/9/24</td><td>Lawan dari kota {w}</td><td>{}</td><td>{}-{}</td></tr>",
                w + 3,
                w * 7,
                w,
                9 - w
            )
        })
        .collect();
    chrome(&format!(
        "<div class=\"pemain\"><div class=\"masuk\">Masuk untuk menyimpan</div>\
         <table class=\"data\"><tr><th>Pekan</th><th>Tanggal</th><th>Lawan</th><th>Menit</th><th>Skor</th></tr>{rows}</table>\
         {caption}</div>"
    ))
}

#[test]
fn a_page_of_tables_of_data_gives_the_tables() {
    let got = main_text(&stats_page(""));
    assert!(got.paragraphs.iter().any(|p| p.contains("Lawan dari kota 4")), "{:#?}", got.paragraphs);
    assert!(got.paragraphs.iter().any(|p| p == "Pekan"), "{:#?}", got.paragraphs);
    // Without tables of data (a layout of two columns), the prompt is all there is.
    let html = chrome(
        "<div class=\"pemain\"><div class=\"masuk\">Masuk untuk menyimpan daftar pemain favorit</div>\
         <table><tr><td>Kiri</td><td><a href=\"/a\">Beranda</a></td></tr><tr><td>Kanan</td><td><a href=\"/b\">Klub</a></td></tr></table></div>",
    );
    let got = main_text(&html);
    assert_eq!(got.paragraphs.first().map(String::as_str), Some("Masuk untuk menyimpan daftar pemain favorit"));
}

#[test]
fn a_long_table_of_linked_cells_is_read_in_linear_time() {
    // 30,000 rows of a linked name and three numbers: each row and each table is looked at once
    // (a scan of the table per cell would take minutes here).
    let rows: String = (0..30_000)
        .map(|i| {
            format!("<tr><td><a href=\"/p/{i}\">Pemain {i}</a></td><td>{i}</td><td>7 gol</td><td>12 laga</td></tr>")
        })
        .collect();
    let html = chrome(&format!("<div class=\"isi\"><p>{}</p><table>{rows}</table></div>", P[0]));
    let start = std::time::Instant::now();
    let got = main_text(&html);
    assert!(got.paragraphs.iter().any(|p| p == "Pemain 29999"), "{:?}", got.paragraphs.last());
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// A list page: each group's line as text, its entries (short names that link to their own
/// pages) under it.
fn grouped_list(groups: &[(&str, &[&str])]) -> String {
    let body: String = groups
        .iter()
        .enumerate()
        .map(|(g, (head, entries))| {
            let items: String = entries
                .iter()
                .enumerate()
                .map(|(i, e)| format!("<div class=\"entri\"><a href=\"/lagu/{g}-{i}\">{e}</a></div>"))
                .collect();
            format!("<div class=\"grup\"><b>{head}</b></div>{items}")
        })
        .collect();
    chrome(&format!("<div class=\"daftar\"><h1>Lagu-lagu Kelompok Pesisir</h1>{body}</div>"))
}

const SONG_GROUPS: &[(&str, &[&str])] = &[
    (
        "album: \"Ombak Pertama\" (2001)",
        &["Pagi di Dermaga", "Layar Terkembang", "Nelayan Muda", "Bintang Timur", "Jaring Tua", "Dayung"],
    ),
    (
        "album: \"Angin Selatan\" (2003)",
        &["Angin Musim", "Pulang Melaut", "Karang Hitam", "Camar", "Badai Reda", "Tanjung"],
    ),
    (
        "album: \"Pasang Surut\" (2006)",
        &["Pasang Naik", "Surut Pagi", "Teluk Biru", "Pantai Utara", "Ikan Terbang", "Sauh"],
    ),
    (
        "album: \"Mercusuar\" (2009)",
        &["Cahaya Jauh", "Malam Panjang", "Pelabuhan", "Lampu Kapal", "Kabut", "Penjaga Menara"],
    ),
    ("album: \"Garam\" (2012)", &["Garam Laut", "Tambak Ayah", "Jala Ibu", "Terik", "Kristal Putih", "Panen Garam"]),
    ("album: \"Muara\" (2015)", &["Muara Sungai", "Perahu Kertas", "Senja Merah", "Bakau", "Air Payau", "Hilir"]),
    (
        "album: \"Kembali\" (2018)",
        &["Kembali Pulang", "Rumah Panggung", "Laut Lepas", "Anak Pantai", "Ombak Akhir", "Tamat"],
    ),
];

#[test]
fn short_linked_entries_between_the_lines_they_stand_under_are_kept() {
    // Song names are a word or two, like a menu's, but they stand between the album lines
    // at many places: the page is the list.
    let got = main_text(&grouped_list(SONG_GROUPS));
    let at = |s: &str| got.paragraphs.iter().position(|p| p == s);
    for (head, entries) in SONG_GROUPS {
        for e in *entries {
            assert!(at(e).is_some(), "{e}: {:#?}", got.paragraphs);
            assert!(at(head) < at(e), "{head} before {e}: {:#?}", got.paragraphs);
        }
    }
}

#[test]
fn short_links_after_the_lines_stay_dropped() {
    // The same short names, all after the album lines (a list of tags or a menu at the end of
    // the container), stay out.
    let heads: String = SONG_GROUPS.iter().map(|(h, _)| format!("<div class=\"grup\">{h}</div>")).collect();
    let links: String = SONG_GROUPS
        .iter()
        .flat_map(|(_, e)| e.iter())
        .enumerate()
        .map(|(i, e)| format!("<div class=\"entri\"><a href=\"/tag/{i}\">{e}</a></div>"))
        .collect();
    let got = main_text(&chrome(&format!("<div class=\"daftar\"><h1>Kelompok Pesisir</h1>{heads}{links}</div>")));
    assert!(got.paragraphs.iter().any(|p| p == SONG_GROUPS[0].0), "{:#?}", got.paragraphs);
    assert!(
        got.paragraphs.iter().all(|p| !SONG_GROUPS.iter().any(|(_, e)| e.contains(&p.as_str()))),
        "{:#?}",
        got.paragraphs
    );
}

#[test]
fn a_search_form_inside_the_article_is_not_text() {
    // The fields of a form are never text, but they tell its labels from the article's: a box
    // of labelled fields inside the article's container goes (readability's rule on forms).
    let form = "<div class=\"kotak\"><form action=\"/cari\"><table>\
        <tr><td>Cari lowongan kerja:</td></tr>\
        <tr><td><label>Lokasi</label><select name=\"l\"><option>Semua</option><option>Jawa Barat</option></select></td></tr>\
        <tr><td><label>Bidang pekerjaan</label><select name=\"b\"><option>Semua</option></select></td></tr>\
        <tr><td><label>Kata kunci</label><input type=\"text\" name=\"q\"></td></tr></table></form></div>";
    let html =
        chrome(&format!("<div class=\"isi\"><p>{}</p><p>{}</p>{form}<p>{}</p><p>{}</p></div>", P[0], P[1], P[2], P[3]));
    assert_paragraphs(&main_text(&html), P);
}

#[test]
fn a_list_of_prose_points_inside_the_article_stays() {
    // A list whose points are paragraphs of prose: a list's low prior score does not make it
    // chrome when its name says nothing.
    let points = [
        "Harga pupuk naik dua kali lipat dalam setahun terakhir dan petani kecil paling merasakan dampaknya musim ini.",
        "Pemerintah daerah berjanji menambah kuota pupuk bersubsidi mulai bulan depan untuk kelompok tani yang terdaftar.",
    ];
    let list: String = points.iter().map(|p| format!("<li><p>{p}</p></li>")).collect();
    let html = chrome(&format!(
        "<div class=\"isi\"><p>{}</p><p>{}</p><ul>{list}</ul><p>{}</p><p>{}</p></div>",
        P[0], P[1], P[2], P[3]
    ));
    assert_paragraphs(&main_text(&html), &[P[0], P[1], points[0], points[1], P[2], P[3]]);
}

/// A thread: posts of the same class, each with its author's link, its text and a reply link.
fn thread(posts: &[&str], after: &str) -> String {
    let posts: String = posts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "<div class=\"pesan bg{}\"><div class=\"penulis\"><a href=\"/u/{i}\">anggota{i}</a></div>\
                 <p>{t}</p><a href=\"/balas/{i}\">Balas</a> <a href=\"/kutip/{i}\">Kutip</a></div>",
                i % 2
            )
        })
        .collect();
    chrome(&format!("<div class=\"utas\">{posts}{after}</div>"))
}

#[test]
fn a_short_post_among_posts_is_kept() {
    // Alone, the short post is mostly links (its author, "Balas", "Kutip"); among posts that
    // read as prose it is one of them.
    let short = "Setuju, terima kasih.";
    let got = main_text(&thread(&[P[0], P[1], short, P[2], P[3]], ""));
    assert!(got.paragraphs.iter().any(|p| p == short), "{:#?}", got.paragraphs);
    for p in P {
        assert!(got.paragraphs.iter().any(|x| x == p), "{p}: {:#?}", got.paragraphs);
    }
}

#[test]
fn alike_boxes_that_are_mostly_links_stay_dropped() {
    // Teasers of the same class after the text: most of them are links, so none is kept.
    let teasers: String = (0..4)
        .map(|i| {
            format!("<div class=\"kartu\"><a href=\"/berita/{i}\">Judul berita lain nomor {i} tentang panen kopi</a> 2 jam</div>")
        })
        .collect();
    let got = main_text(&chrome(&format!(
        "<div class=\"isi\"><p>{}</p><p>{}</p><p>{}</p><p>{}</p>{teasers}</div>",
        P[0], P[1], P[2], P[3]
    )));
    assert_paragraphs(&got, P);
}
