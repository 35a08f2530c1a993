// warta web app: vanilla JS, no dependencies, served from the binary.
//
// Safety rule: every piece of data (article text, titles, names, quotes, outlets, snippets,
// even rendered summaries) goes into the page as a text node (`textContent` / createTextNode)
// or an attribute set with setAttribute on a fixed attribute name. Nothing from the API is
// ever parsed as HTML, and links are built only from ids this script encodes itself.
"use strict";

(function () {
  const LANGS = ["id", "en", "zh", "ja", "ar", "fr"];
  const LANG_NAMES = { id: "Indonesia", en: "English", zh: "中文", ja: "日本語", ar: "العربية", fr: "Français" };

  // Interface words (the data itself is rendered by the server from structured facts).
  const UI = {
    id: { copy: "salinan", copyOf: "salinan dari", stories: "Cerita", search: "Cari", articles: "Artikel", timeline: "Linimasa", entities: "Entitas",
      quotes: "Kutipan per pembicara", outlets: "Media", aliases: "Nama lain", said: "Siapa berkata apa", same_as: "Nama yang sama dalam kronologi", reason_same_kb: "entri gazetir yang sama", reason_alias: "disebut dengan kedua nama", reason_short_form: "bentuk pendek", mentions: "Penyebutan",
      type: "Jenis", undated: "tanpa tanggal", background: "latar", conflict: "tanggal berbeda",
      hedged: "belum pasti", denied: "dibantah", showRemoved: "Tampilkan bagian yang dibuang",
      hideRemoved: "Sembunyikan bagian yang dibuang", removed: "Bagian yang dibuang", noResults: "Tidak ada hasil.",
      query: "Kata kunci", from: "Dari", to: "Sampai", outlet: "Media", entity: "Entitas", year: "Tahun",
      month: "Bulan", story: "Cerita", go: "Cari", of: "dari", results: "hasil", unknownSpeaker: "Tanpa nama pembicara",
      legend: "Keterangan", confirmed: "terkonfirmasi / dilaporkan", text: "Teks asli",
      untranslated: "belum diterjemahkan (nama Indonesia)", titleId: "Judul dalam bahasa Indonesia",
      eventType: "Jenis peristiwa", sort: "Urutan", sortRelevance: "paling cocok", sortNewest: "terbaru", sortLatest: "terakhir diperbarui", sortEarliest: "paling awal dimulai", sortArticles: "artikel terbanyak", sortOutlets: "media terbanyak", sortCreated: "urutan masuk", anyType: "semua jenis",
      facetsPartial: "faset dihitung dari hasil teratas", times: "Waktu", noTimeline: "Belum ada linimasa.",
      error: "Galat", clear: "hapus", status: "Status", note: "Ringkasan dibuat dari fakta terstruktur." },
    en: { copy: "copy", copyOf: "copy of", stories: "Stories", search: "Search", articles: "Articles", timeline: "Timeline", entities: "Entities",
      quotes: "Quotes by speaker", outlets: "Outlets", aliases: "Also written", said: "Who said what", same_as: "Same actor in timelines", reason_same_kb: "same gazetteer entry", reason_alias: "named both ways", reason_short_form: "short form", mentions: "Mentions",
      type: "Type", undated: "undated", background: "background", conflict: "dates differ",
      hedged: "hedged", denied: "denied", showRemoved: "Show removed chrome", hideRemoved: "Hide removed chrome",
      removed: "Removed chrome", noResults: "No results.", query: "Query", from: "From", to: "To",
      outlet: "Outlet", entity: "Entity", year: "Year", month: "Month", story: "Story", go: "Search", of: "of",
      results: "results", unknownSpeaker: "Unnamed speaker", legend: "Legend", confirmed: "confirmed / reported",
      text: "Original text", untranslated: "untranslated (Indonesian name)", titleId: "Title in Indonesian",
      eventType: "Event type", sort: "Order", sortRelevance: "best match", sortNewest: "newest", sortLatest: "latest activity", sortEarliest: "started first", sortArticles: "most articles", sortOutlets: "most outlets", sortCreated: "order added", anyType: "any type",
      facetsPartial: "facets counted over the top results", times: "Times", noTimeline: "No timeline yet.",
      error: "Error", clear: "clear", status: "Status", note: "Summaries are rendered from structured facts." },
    zh: { copy: "转载", copyOf: "转载自", stories: "报道", search: "搜索", articles: "文章", timeline: "时间线", entities: "实体",
      quotes: "按发言人分组的引语", outlets: "媒体", aliases: "其他写法", said: "谁说了什么", same_as: "时间线中的同一主体", reason_same_kb: "同一词典条目", reason_alias: "两种名称均出现", reason_short_form: "简称", mentions: "提及次数",
      type: "类型", undated: "无日期", background: "背景", conflict: "日期不一致",
      hedged: "未确定", denied: "被否认", showRemoved: "显示已移除的页面杂项", hideRemoved: "隐藏已移除的页面杂项",
      removed: "已移除的页面杂项", noResults: "没有结果。", query: "关键词", from: "从", to: "到",
      outlet: "媒体", entity: "实体", year: "年份", month: "月份", story: "报道", go: "搜索", of: "/",
      results: "条结果", unknownSpeaker: "未具名的发言人", legend: "图例", confirmed: "已确认 / 已报道",
      text: "原文", untranslated: "未翻译（印尼语名称）", titleId: "印尼语标题",
      eventType: "事件类型", sort: "排序", sortRelevance: "最相关", sortNewest: "最新", sortLatest: "最近更新", sortEarliest: "最早开始", sortArticles: "文章最多", sortOutlets: "媒体最多", sortCreated: "添加顺序", anyType: "所有类型",
      facetsPartial: "分面仅统计前列结果", times: "时间", noTimeline: "尚无时间线。",
      error: "错误", clear: "清除", status: "状态", note: "摘要由结构化事实生成。" },
    ja: { copy: "転載", copyOf: "転載元", stories: "ストーリー", search: "検索", articles: "記事", timeline: "タイムライン", entities: "エンティティ",
      quotes: "発言者別の引用", outlets: "メディア", aliases: "別表記", said: "誰が何を言ったか", same_as: "年表で同一とみなす名前", reason_same_kb: "同じ辞書項目", reason_alias: "両方の名前で言及", reason_short_form: "略称", mentions: "言及数",
      type: "種類", undated: "日付なし", background: "背景", conflict: "日付の食い違い",
      hedged: "未確定", denied: "否定", showRemoved: "除去した部分を表示", hideRemoved: "除去した部分を隠す",
      removed: "除去した部分", noResults: "結果はありません。", query: "キーワード", from: "開始", to: "終了",
      outlet: "メディア", entity: "エンティティ", year: "年", month: "月", story: "ストーリー", go: "検索", of: "/",
      results: "件", unknownSpeaker: "名前のない発言者", legend: "凡例", confirmed: "確認済み / 報道",
      text: "原文", untranslated: "未翻訳（インドネシア語の名前）", titleId: "インドネシア語の見出し",
      eventType: "出来事の種類", sort: "並び順", sortRelevance: "関連度順", sortNewest: "新しい順", sortLatest: "最近の更新順", sortEarliest: "開始の早い順", sortArticles: "記事の多い順", sortOutlets: "媒体の多い順", sortCreated: "追加順", anyType: "すべての種類",
      facetsPartial: "ファセットは上位の結果から集計", times: "時間表現", noTimeline: "タイムラインはまだありません。",
      error: "エラー", clear: "解除", status: "状態", note: "要約は構造化された事実から生成されます。" },
    ar: { copy: "نسخة", copyOf: "نسخة من", stories: "القصص", search: "بحث", articles: "المقالات", timeline: "الخط الزمني", entities: "الكيانات",
      quotes: "الاقتباسات حسب المتحدث", outlets: "وسائل الإعلام", aliases: "صيغ أخرى", said: "من قال ماذا", same_as: "الفاعل نفسه في الخطوط الزمنية", reason_same_kb: "المدخل نفسه في المعجم", reason_alias: "ذُكر بالاسمين", reason_short_form: "صيغة مختصرة", mentions: "الإشارات",
      type: "النوع", undated: "بلا تاريخ", background: "خلفية", conflict: "تواريخ متعارضة",
      hedged: "غير مؤكد", denied: "منفي", showRemoved: "إظهار الأجزاء المحذوفة", hideRemoved: "إخفاء الأجزاء المحذوفة",
      removed: "الأجزاء المحذوفة", noResults: "لا نتائج.", query: "كلمات البحث", from: "من", to: "إلى",
      outlet: "وسيلة الإعلام", entity: "الكيان", year: "السنة", month: "الشهر", story: "القصة", go: "بحث", of: "من",
      results: "نتيجة", unknownSpeaker: "متحدث غير مسمى", legend: "مفتاح الرموز", confirmed: "مؤكد / مُبلَّغ عنه",
      text: "النص الأصلي", untranslated: "غير مترجم (الاسم الإندونيسي)", titleId: "العنوان بالإندونيسية",
      eventType: "نوع الحدث", sort: "الترتيب", sortRelevance: "الأكثر صلة", sortNewest: "الأحدث", sortLatest: "آخر نشاط", sortEarliest: "الأقدم بداية", sortArticles: "الأكثر مقالات", sortOutlets: "الأكثر وسائل إعلام", sortCreated: "ترتيب الإضافة", anyType: "كل الأنواع",
      facetsPartial: "حُسبت الفئات من أعلى النتائج", times: "التعبيرات الزمنية", noTimeline: "لا يوجد خط زمني بعد.",
      error: "خطأ", clear: "مسح", status: "الحالة", note: "تُنشأ الملخصات من حقائق منظمة." },
    fr: { copy: "copie", copyOf: "copie de", stories: "Récits", search: "Recherche", articles: "Articles", timeline: "Chronologie", entities: "Entités",
      quotes: "Citations par locuteur", outlets: "Médias", aliases: "Autres graphies", said: "Qui a dit quoi", same_as: "Même acteur dans les chronologies", reason_same_kb: "même entrée du dictionnaire", reason_alias: "nommé des deux façons", reason_short_form: "forme courte", mentions: "Mentions",
      type: "Type", undated: "sans date", background: "contexte", conflict: "dates divergentes",
      hedged: "incertain", denied: "démenti", showRemoved: "Afficher les éléments retirés",
      hideRemoved: "Masquer les éléments retirés", removed: "Éléments retirés", noResults: "Aucun résultat.",
      query: "Requête", from: "Du", to: "Au", outlet: "Média", entity: "Entité", year: "Année", month: "Mois",
      story: "Récit", go: "Chercher", of: "sur", results: "résultats", unknownSpeaker: "Locuteur non nommé",
      legend: "Légende", confirmed: "confirmé / rapporté", text: "Texte original",
      untranslated: "non traduit (nom indonésien)", titleId: "Titre en indonésien",
      eventType: "Type d’événement", sort: "Ordre", sortRelevance: "pertinence", sortNewest: "plus récents", sortLatest: "activité récente", sortEarliest: "début le plus ancien", sortArticles: "plus d’articles", sortOutlets: "plus de médias", sortCreated: "ordre d’ajout", anyType: "tous types",
      facetsPartial: "facettes comptées sur les premiers résultats", times: "Expressions temporelles",
      noTimeline: "Pas encore de chronologie.", error: "Erreur", clear: "effacer", status: "Statut",
      note: "Les résumés sont rendus à partir de faits structurés." },
  };

  // Machine translation of article text (never of the facts, which the server renders).
  const MT = {
    id: { mt: "Terjemahan mesin", translate: "Terjemahkan dengan mesin", translating: "Menerjemahkan…", flagged: "periksa dengan teks Indonesia", token: "Token server (terjemahan mesin berbiaya)" },
    en: { mt: "Machine translation", translate: "Machine-translate this article", translating: "Translating…", flagged: "check against the Indonesian", token: "Server token (machine translation costs)" },
    zh: { mt: "机器翻译", translate: "机器翻译本文", translating: "正在翻译…", flagged: "请对照印尼语原文", token: "服务器令牌（机器翻译有成本）" },
    ja: { mt: "機械翻訳", translate: "この記事を機械翻訳する", translating: "翻訳中…", flagged: "インドネシア語原文と照合してください", token: "サーバーのトークン（機械翻訳は有料）" },
    ar: { mt: "ترجمة آلية", translate: "ترجمة هذا المقال آليًا", translating: "جارٍ الترجمة…", flagged: "راجِع النص الإندونيسي", token: "رمز الخادم (الترجمة الآلية مكلفة)" },
    fr: { mt: "Traduction automatique", translate: "Traduire automatiquement cet article", translating: "Traduction…", flagged: "à vérifier sur l’indonésien", token: "Jeton du serveur (la traduction automatique a un coût)" },
  };
  // Paging words.
  const PAGING = {
    id: { coverage: "Liputan per hari", next: "Berikutnya", prev: "Sebelumnya" },
    en: { coverage: "Coverage per day", next: "Next", prev: "Previous" },
    zh: { coverage: "每日报道量", next: "下一页", prev: "上一页" },
    ja: { coverage: "日ごとの報道数", next: "次へ", prev: "前へ" },
    ar: { coverage: "التغطية اليومية", next: "التالي", prev: "السابق" },
    fr: { coverage: "Couverture par jour", next: "Suivant", prev: "Précédent" },
  };
  // Saved-search words.
  const SAVED = {
    id: { saved: "Tersimpan", saveSearch: "Simpan pencarian ini", saveName: "Nama", save: "Simpan", savedOk: "Tersimpan sebagai",
      newSince: "baru sejak kunjungan terakhir", feed: "Umpan Atom", markSeen: "Tandai sudah dilihat", allMatches: "Semua hasil",
      newMatches: "Hasil baru", noSaved: "Belum ada pencarian tersimpan.", open: "Buka pencarian", tokenWrite: "Token server (untuk menyimpan)" },
    en: { saved: "Saved", saveSearch: "Save this search", saveName: "Name", save: "Save", savedOk: "Saved as",
      newSince: "new since the last visit", feed: "Atom feed", markSeen: "Mark as seen", allMatches: "All matches",
      newMatches: "New matches", noSaved: "No saved searches yet.", open: "Open the search", tokenWrite: "Server token (to save)" },
    zh: { saved: "已保存", saveSearch: "保存此搜索", saveName: "名称", save: "保存", savedOk: "已保存为",
      newSince: "自上次访问以来的新结果", feed: "Atom 订阅", markSeen: "标记为已读", allMatches: "全部结果",
      newMatches: "新结果", noSaved: "尚无已保存的搜索。", open: "打开搜索", tokenWrite: "服务器令牌（用于保存）" },
    ja: { saved: "保存済み", saveSearch: "この検索を保存", saveName: "名前", save: "保存", savedOk: "保存しました:",
      newSince: "前回の訪問以降の新着", feed: "Atom フィード", markSeen: "既読にする", allMatches: "すべての結果",
      newMatches: "新着の結果", noSaved: "保存された検索はまだありません。", open: "検索を開く", tokenWrite: "サーバーのトークン（保存用）" },
    ar: { saved: "المحفوظة", saveSearch: "احفظ هذا البحث", saveName: "الاسم", save: "حفظ", savedOk: "حُفظ باسم",
      newSince: "جديدة منذ الزيارة الأخيرة", feed: "موجز Atom", markSeen: "وضع علامة كمقروء", allMatches: "كل النتائج",
      newMatches: "النتائج الجديدة", noSaved: "لا توجد عمليات بحث محفوظة بعد.", open: "افتح البحث", tokenWrite: "رمز الخادم (للحفظ)" },
    fr: { saved: "Enregistrées", saveSearch: "Enregistrer cette recherche", saveName: "Nom", save: "Enregistrer", savedOk: "Enregistrée sous",
      newSince: "nouveaux depuis la dernière visite", feed: "Flux Atom", markSeen: "Marquer comme vu", allMatches: "Tous les résultats",
      newMatches: "Nouveaux résultats", noSaved: "Aucune recherche enregistrée.", open: "Ouvrir la recherche", tokenWrite: "Jeton du serveur (pour enregistrer)" },
  };
  // Timeline picture words.
  const TL = {
    id: { zoomIn: "Perbesar", zoomOut: "Perkecil", earlier: "Lebih awal", later: "Lebih akhir", wholeStory: "Seluruh cerita",
      showBackground: "Jalur latar", laterLane: "sesudahnya", showing: "Menampilkan", showAll: "tampilkan semua",
      dragHint: "Seret pada gambar untuk memperbesar rentang itu.", spanLegend: "hari terbit artikel" },
    en: { zoomIn: "Zoom in", zoomOut: "Zoom out", earlier: "Earlier", later: "Later", wholeStory: "Whole story",
      showBackground: "Background lane", laterLane: "later", showing: "Showing", showAll: "show all",
      dragHint: "Drag across the picture to zoom to that range.", spanLegend: "days the articles appeared" },
    zh: { zoomIn: "放大", zoomOut: "缩小", earlier: "更早", later: "更晚", wholeStory: "整个报道",
      showBackground: "背景栏", laterLane: "之后", showing: "显示", showAll: "全部显示",
      dragHint: "在图上拖动以放大该时间段。", spanLegend: "文章发表的日期" },
    ja: { zoomIn: "拡大", zoomOut: "縮小", earlier: "前へ", later: "後へ", wholeStory: "ストーリー全体",
      showBackground: "背景の列", laterLane: "その後", showing: "表示", showAll: "すべて表示",
      dragHint: "図の上をドラッグするとその期間を拡大します。", spanLegend: "記事が出た日" },
    ar: { zoomIn: "تكبير", zoomOut: "تصغير", earlier: "أقدم", later: "أحدث", wholeStory: "القصة كاملة",
      showBackground: "مسار الخلفية", laterLane: "لاحقًا", showing: "المعروض", showAll: "إظهار الكل",
      dragHint: "اسحب على الرسم لتكبير تلك الفترة.", spanLegend: "أيام نشر المقالات" },
    fr: { zoomIn: "Zoomer", zoomOut: "Dézoomer", earlier: "Plus tôt", later: "Plus tard", wholeStory: "Tout le récit",
      showBackground: "Couloir du contexte", laterLane: "plus tard", showing: "Affichées", showAll: "tout afficher",
      dragHint: "Faites glisser sur l’image pour zoomer sur cette période.", spanLegend: "jours de parution des articles" },
  };
  // Deleting a saved search.
  const DEL = {
    id: { del: "Hapus", confirmDel: "Hapus pencarian tersimpan ini?", yesDel: "Ya, hapus", cancel: "Batal", deletedOk: "Dihapus:" },
    en: { del: "Delete", confirmDel: "Delete this saved search?", yesDel: "Yes, delete", cancel: "Cancel", deletedOk: "Deleted:" },
    zh: { del: "删除", confirmDel: "删除这个已保存的搜索？", yesDel: "确定删除", cancel: "取消", deletedOk: "已删除：" },
    ja: { del: "削除", confirmDel: "この保存済み検索を削除しますか？", yesDel: "削除する", cancel: "キャンセル", deletedOk: "削除しました:" },
    ar: { del: "حذف", confirmDel: "حذف هذا البحث المحفوظ؟", yesDel: "نعم، احذف", cancel: "إلغاء", deletedOk: "حُذف:" },
    fr: { del: "Supprimer", confirmDel: "Supprimer cette recherche enregistrée ?", yesDel: "Oui, supprimer", cancel: "Annuler", deletedOk: "Supprimée :" },
  };
  for (const l of LANGS) Object.assign(UI[l], MT[l], PAGING[l], SAVED[l], TL[l], DEL[l]);

  const HEDGED = new Set(["planned", "speculated", "unconfirmed", "conditional", "expected"]);

  function pageLang() {
    const l = new URLSearchParams(location.search).get("lang");
    return LANGS.includes(l) ? l : "id";
  }
  const lang = pageLang();
  const t = (k) => (UI[lang] && UI[lang][k]) || UI.en[k] || k;

  // ---- DOM helpers: text only -------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") n.className = v;
      else if (k === "onclick") n.addEventListener("click", v);
      else n.setAttribute(k, String(v));
    }
    append(n, children);
    return n;
  }
  function append(n, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      n.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return n;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, ...children) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) n.setAttribute(k, String(v));
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined) continue;
      n.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return n;
  }
  // Data text, isolated for bidirectional display (names inside Arabic, and so on).
  const bdi = (text, attrs) => el("bdi", attrs || {}, text == null ? "" : String(text));
  const href = (...parts) => "#/" + parts.map((p) => encodeURIComponent(String(p))).join("/");
  const withLang = (path) => (lang === "id" ? path : path + (path.includes("?") ? "&" : "?") + "lang=" + lang);

  // The bearer token for endpoints that cost (machine translation), asked once per tab.
  const TOKEN_KEY = "warta-token";
  async function api(path, withToken) {
    const headers = { Accept: "application/json" };
    const token = withToken ? sessionStorage.getItem(TOKEN_KEY) : null;
    if (token) headers.Authorization = "Bearer " + token;
    const res = await fetch(withLang(path), { headers });
    if (withToken && (res.status === 401 || res.status === 403)) sessionStorage.removeItem(TOKEN_KEY);
    let body = null;
    try {
      body = await res.json();
    } catch (_) {
      body = { error: "HTTP " + res.status };
    }
    if (!res.ok) throw new Error((body && body.error) || "HTTP " + res.status);
    return body;
  }

  // A writing request (POST, DELETE) with the tab's token, if one was given: JSON in and out.
  async function send(method, path, body) {
    const headers = { Accept: "application/json" };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 401 || res.status === 403) sessionStorage.removeItem(TOKEN_KEY);
    let out = null;
    try {
      out = await res.json();
    } catch (_) {
      out = { error: "HTTP " + res.status };
    }
    if (!res.ok) throw new Error((out && out.error) || "HTTP " + res.status);
    return out;
  }
  // A password field for the server token, shown while the tab has none; `take()` keeps what
  // was typed for the tab.
  function tokenField(id, label) {
    const input = el("input", { id, type: "password", autocomplete: "off", "aria-label": label, placeholder: label });
    return { node: sessionStorage.getItem(TOKEN_KEY) ? null : input,
      take: () => { if (input.value.trim()) sessionStorage.setItem(TOKEN_KEY, input.value.trim()); } };
  }

  // A name as the server rendered it ({text, lang_of_text, untranslated}), marked when it is
  // the Indonesian fallback.
  function nameNode(n, fallback) {
    if (!n || typeof n !== "object") return bdi(fallback);
    const node = bdi(n.text, { lang: n.lang_of_text || null, class: n.untranslated ? "untranslated" : null,
      title: n.untranslated ? t("untranslated") : null });
    return node;
  }

  const app = () => document.getElementById("app");
  function show(...nodes) {
    const a = app();
    a.replaceChildren(...nodes.flat().filter(Boolean));
  }
  function errorBox(e) {
    return el("p", { class: "error", role: "alert" }, t("error") + ": ", String(e && e.message ? e.message : e));
  }

  // ---- language switcher and chrome ---------------------------------------------------------
  function setupChrome() {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.getElementById("nav-stories").textContent = t("stories");
    document.getElementById("nav-search").textContent = t("search");
    document.getElementById("nav-saved").textContent = t("saved");
    document.getElementById("foot-note").textContent = t("note");
    updateLangLinks();
  }
  function updateLangLinks() {
    const nav = document.getElementById("langs");
    nav.replaceChildren(
      ...LANGS.map((l) =>
        el("a", { href: "?lang=" + l + location.hash, hreflang: l, lang: l, "data-lang": l,
          class: l === lang ? "active" : null, "aria-current": l === lang ? "true" : null }, LANG_NAMES[l])
      )
    );
  }

  // ---- timeline picture -----------------------------------------------------------------------
  // A date value (TIMEX3: 2023-09-13, 2023-09, 2023, 2024-W25) as a day number, or null.
  function dayNumber(v) {
    if (!v) return null;
    let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
    if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5;
    m = /^(\d{4})-W(\d{2})$/.exec(v);
    if (m) return Date.UTC(+m[1], 0, 1) / 864e5 + (+m[2] - 1) * 7 + 3;
    m = /^(\d{4})-(\d{2})$/.exec(v);
    if (m) return Date.UTC(+m[1], +m[2] - 1, 15) / 864e5;
    m = /^(\d{4})$/.exec(v);
    if (m) return Date.UTC(+m[1], 6, 1) / 864e5;
    return null;
  }
  function entryClass(e) {
    const cls = ["mark"];
    if (e.background) cls.push("background");
    if (e.status === "denied") cls.push("denied");
    else if (HEDGED.has(e.status)) cls.push("hedged");
    else cls.push("confirmed");
    if (Array.isArray(e.conflicts) && e.conflicts.length) cls.push("conflict");
    if (!dayNumber(e.date)) cls.push("undated");
    return cls;
  }
  function outletsOf(e) {
    if (Array.isArray(e.support) && e.support.length) {
      const o = [];
      for (const s of e.support) {
        if (s.outlet && !o.includes(s.outlet)) o.push(s.outlet);
      }
      return o;
    }
    return Array.isArray(e.outlets) ? e.outlets : [];
  }
  // A supporting article named for a reader: its outlet, else its title, else the host or the
  // file name of its source (never a whole path or URL).
  function shortSource(src) {
    const v = String(src || "");
    const m = /^[a-z]+:\/\/([^/?#]+)/i.exec(v);
    if (m) return m[1].replace(/^www\./, "");
    return v.split(/[\\/]/).filter(Boolean).pop() || v;
  }
  const supportName = (s) => s.outlet || s.title || shortSource(s.source);
  // The supporting articles grouped by outlet: "Kompas.com, detikcom [1] [2]" — an outlet with
  // one article links by its name, one with several names itself once and links each article by
  // number (its title on hover); a copy of another supporting article says so.
  function supportLinks(support) {
    const groups = [];
    for (const s of support) {
      const name = supportName(s);
      const g = groups.find((x) => x.name === name);
      if (g) g.items.push(s); else groups.push({ name, items: [s] });
    }
    const copy = (s) => s.copy_of ? [" ", el("span", { class: "copy", title: t("copyOf") + " " + s.copy_of }, "(" + t("copy") + ")")] : null;
    const link = (s, text) => s.article
      ? el("a", { href: href("article", s.article), title: s.title || s.source }, bdi(text))
      : bdi(text);
    return groups.map((g, k) => [k ? ", " : "", g.items.length === 1
      ? [link(g.items[0], g.name), copy(g.items[0])]
      : [bdi(g.name), " ", g.items.map((s, j) => [j ? " " : "", link(s, "[" + (j + 1) + "]"), copy(s)])]]);
  }
  const summaryOf = (e) => e.summary || e.headline || e.type || "";

  // The period a date value covers, as [first day, last day] (a month value covers its month).
  function periodOf(v) {
    if (!v) return null;
    let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
    if (m) { const d = Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5; return [d, d]; }
    m = /^(\d{4})-W(\d{2})$/.exec(v);
    if (m) { const d = Date.UTC(+m[1], 0, 1) / 864e5 + (+m[2] - 1) * 7; return [d, d + 6]; }
    m = /^(\d{4})-(\d{2})$/.exec(v);
    if (m) return [Date.UTC(+m[1], +m[2] - 1, 1) / 864e5, Date.UTC(+m[1], +m[2], 0) / 864e5];
    m = /^(\d{4})$/.exec(v);
    if (m) return [Date.UTC(+m[1], 0, 1) / 864e5, Date.UTC(+m[1], 11, 31) / 864e5];
    return null;
  }
  const isoDay = (d) => new Date(Math.round(d) * 864e5).toISOString().slice(0, 10);

  // The day an entry is drawn at: a day is itself; a month or a year ("2025", "Agustus 2024") is
  // the point of that period nearest the story's articles (the middle of the days they share),
  // so a vague "2025" in an October story neither stretches the axis back to July nor claims a
  // day it does not name. Its list entry and tooltip keep the date as written.
  function placeDay(v, span) {
    const p = periodOf(v);
    if (!p) return null;
    if (!span || p[0] === p[1]) return (p[0] + p[1]) / 2;
    const a = Math.max(p[0], span.first), b = Math.min(p[1], span.last);
    if (a <= b) return (a + b) / 2;
    return p[1] < span.first ? p[1] : p[0];
  }

  // Where an entry goes in the story's picture. The axis is the story's own span: an entry the
  // articles recall as background, or dated more than EARLY_DAYS before the story's first
  // article, goes to the background lane (at the start of time); one dated more than LATE_DAYS
  // after its last article to the "later" lane; an undated one to its own lane at the end.
  const EARLY_DAYS = 90, LATE_DAYS = 90;
  function laneOf(e, d, span) {
    if (e.background) return "background";
    if (d === null) return "undated";
    if (span && d < span.first - EARLY_DAYS) return "background";
    if (span && d > span.last + LATE_DAYS) return "later";
    return "axis";
  }

  // Width in pixels of `s` at `px` font size in the page's font (a canvas measures it), and
  // `s` cut with "…" to fit `max` pixels. Labels are placed from these widths (the browser test
  // checks that no two labels overlap).
  let measureCtx = null, pageFont = null;
  function textWidth(s, px) {
    if (!measureCtx) {
      measureCtx = document.createElement("canvas").getContext("2d");
      pageFont = getComputedStyle(document.documentElement).fontFamily || "sans-serif";
    }
    measureCtx.font = `${px}px ${pageFont}`;
    return measureCtx.measureText(s).width;
  }
  function fit(s, px, max) {
    if (textWidth(s, px) <= max) return s;
    const chars = [...s];
    while (chars.length && textWidth(chars.join("") + "…", px) > max) chars.pop();
    return chars.join("").trimEnd() + "…";
  }
  // The summary without its date, for a mark whose place on the axis (or the line under it)
  // already says when: "Sugiono berkunjung ke Seoul pada 14 Mei 2024" → "Sugiono berkunjung ke
  // Seoul"; "2024年5月14日，苏吉奥诺访问首尔" → "苏吉奥诺访问首尔".
  function withoutDate(summary, dateText) {
    if (!dateText || !summary.includes(dateText)) return summary;
    const esc = dateText.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = new RegExp("(?:,?\\s+(?:pada|on|in|le|en|في))?,?\\s*" + esc + "\\s*[，、,]?\\s*", "u");
    const out = summary.replace(re, " ").replace(/\s+/g, " ").trim();
    return out || summary;
  }

  // Axis ticks at round steps (days, weeks, months, years) between `lo` and `hi` (day numbers).
  function ticksFor(lo, hi) {
    const span = hi - lo, out = [];
    const fmtOpts = (o) => ({ ...o, timeZone: "UTC" });
    const loc = lang === "ar" ? "ar-u-nu-latn" : lang;
    if (span <= 60) {
      const step = [1, 2, 7, 14].find((s) => span / s <= 8) || 14;
      const fmt = new Intl.DateTimeFormat(loc, fmtOpts({ day: "numeric", month: "short" }));
      const fmtY = new Intl.DateTimeFormat(loc, fmtOpts({ day: "numeric", month: "short", year: "numeric" }));
      for (let d = Math.ceil(lo); d <= hi; d += step) out.push({ d, text: (out.length ? fmt : fmtY).format(new Date(d * 864e5)) });
      return out;
    }
    const start = new Date(lo * 864e5);
    if (span <= 366 * 3) {
      const step = [1, 2, 3, 6].find((s) => span / 30.4 / s <= 8) || 6;
      const fmt = new Intl.DateTimeFormat(loc, fmtOpts({ month: "short", year: "numeric" }));
      let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1;
      m = Math.ceil(m / step) * step;
      for (;;) {
        if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
        const d = Date.UTC(y, m, 1) / 864e5;
        if (d > hi) break;
        if (d >= lo) out.push({ d, text: fmt.format(new Date(d * 864e5)) });
        m += step;
      }
      return out;
    }
    const years = span / 365.25;
    const step = [1, 2, 5, 10, 20, 50, 100].find((s) => years / s <= 8) || 100;
    for (let y = Math.ceil(start.getUTCFullYear() / step) * step; ; y += step) {
      const d = Date.UTC(y, 0, 1) / 864e5;
      if (d > hi) break;
      if (d >= lo) out.push({ d, text: String(y) });
    }
    return out;
  }

  // The story's timeline: a picture and the list of entries, in sync. The picture's axis is
  // the story's own span (background and later entries in lanes of their own, undated ones
  // too); marks carry the entry's number and who did what. Zoom with the buttons or by dragging
  // across the picture; the list shows what the picture shows, hovering or clicking one
  // highlights the other. The zoom and the background lane's state are kept in the page URL
  // (`#/story/ID?from=…&to=…&bg=hide`) so a view can be shared.
  function storyTimeline(entries, story, id) {
    const sec = el("section", { class: "timeline-section", id: "story-timeline" }, el("h2", {}, t("timeline")));
    if (!entries || !entries.length) return append(sec, [el("p", { class: "muted" }, t("noTimeline"))]);
    const rtl = lang === "ar";
    const f = dayNumber(story.first_date), l = dayNumber(story.last_date);
    const span = f !== null ? { first: f, last: l !== null ? l : f } : null;
    const items = entries.map((e, i) => {
      const d = placeDay(e.date, span);
      return { e, i, n: i + 1, d, p: periodOf(e.date), lane: laneOf(e, d, span) };
    });
    const onAxis = items.filter((x) => x.lane === "axis");
    // The whole story: its articles' days and its entries' days (see placeDay), padded.
    let lo = Math.min(...onAxis.map((x) => x.d), span ? span.first : Infinity);
    let hi = Math.max(...onAxis.map((x) => x.d), span ? span.last : -Infinity);
    if (!isFinite(lo) || !isFinite(hi)) { lo = 0; hi = 1; }
    const pad = Math.max(1, (hi - lo) * 0.04);
    const full = { lo: lo - pad, hi: hi + pad };
    const sp = searchParamsFromHash();
    const dayParam = (k) => { const v = sp.get(k); return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayNumber(v) : null; };
    const view = { lo: full.lo, hi: full.hi };
    const pf = dayParam("from"), pt = dayParam("to");
    if (pf !== null && pt !== null && pt > pf) { view.lo = pf; view.hi = pt; }
    let showBg = sp.get("bg") !== "hide";
    let selected = null;

    const picture = el("div", { class: "picture", id: "timeline-picture" });
    const range = el("span", { class: "range muted", id: "timeline-range" });
    const btn = (idName, label, title, fn) => el("button", { type: "button", id: idName, title, "aria-label": title, onclick: fn }, label);
    // Zooming in keeps the selected entry in view, else the middle entry of those shown (not
    // the middle of the window, which may be empty).
    const focusDay = () => {
      const sel = items.find((x) => x.n === selected && x.lane === "axis" && visible(x));
      if (sel) return sel.d;
      const ds = onAxis.filter(visible).map((x) => x.d).sort((a, b) => a - b);
      return ds.length ? ds[Math.floor((ds.length - 1) / 2)] : (view.lo + view.hi) / 2;
    };
    const zoomBy = (k) => {
      const c = k < 1 ? focusDay() : (view.lo + view.hi) / 2;
      let w = Math.max(2, (view.hi - view.lo) * k);
      if (w >= full.hi - full.lo) return setView(full.lo, full.hi);
      setView(c - w / 2, c + w / 2);
    };
    const panBy = (k) => { const w = view.hi - view.lo; setView(view.lo + w * k, view.hi + w * k); };
    const bgToggle = el("input", { type: "checkbox", id: "timeline-bg" });
    bgToggle.checked = showBg;
    bgToggle.addEventListener("change", () => { showBg = bgToggle.checked; saveState(); draw(); });
    const nBg = items.filter((x) => x.lane === "background").length;
    const toolbar = el("div", { class: "toolbar timeline-tools", role: "toolbar", "aria-label": t("timeline") },
      btn("zoom-out", "−", t("zoomOut"), () => zoomBy(2)),
      btn("zoom-in", "+", t("zoomIn"), () => zoomBy(0.5)),
      btn("pan-earlier", rtl ? "→" : "←", t("earlier"), () => panBy(-0.5)),
      btn("pan-later", rtl ? "←" : "→", t("later"), () => panBy(0.5)),
      btn("zoom-reset", t("wholeStory"), t("wholeStory"), () => setView(full.lo, full.hi)),
      range,
      nBg ? el("label", { class: "bg-toggle" }, bgToggle, " ", t("showBackground") + ` (${nBg})`) : null,
      el("span", { class: "muted hint" }, t("dragHint")));
    const status = el("p", { class: "muted", id: "timeline-shown", role: "status" });
    const list = timelineList(entries);
    list.id = "timeline-list";
    sec.append(toolbar, picture, legend(), status, list);

    function setView(a, b) {
      // Keep the window inside the whole story (same width when it can).
      const w = Math.min(b - a, full.hi - full.lo);
      if (a < full.lo) { a = full.lo; b = a + w; }
      if (b > full.hi) { b = full.hi; a = b - w; }
      view.lo = a; view.hi = b;
      saveState();
      draw();
    }
    const zoomed = () => view.lo > full.lo + 1e-6 || view.hi < full.hi - 1e-6;
    function saveState() {
      const p = new URLSearchParams();
      if (zoomed()) { p.set("from", isoDay(view.lo)); p.set("to", isoDay(view.hi)); }
      if (!showBg) p.set("bg", "hide");
      const s = p.toString();
      history.replaceState(null, "", location.pathname + location.search + href("story", id) + (s ? "?" + s : ""));
    }
    const visible = (x) => x.lane === "axis" ? x.d >= view.lo && x.d <= view.hi : x.lane === "background" ? showBg : true;

    function draw() {
      const fmt = new Intl.DateTimeFormat(rtl ? "ar-u-nu-latn" : lang, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
      range.textContent = `${fmt.format(new Date(view.lo * 864e5))} – ${fmt.format(new Date(view.hi * 864e5))}`;
      picture.replaceChildren(drawPicture());
      // The list shows what the picture shows.
      let shown = 0;
      for (const x of items) {
        const li = list.querySelector(`li[data-entry="${x.n}"]`);
        const v = visible(x);
        if (li) li.hidden = !v;
        if (v) shown++;
      }
      append(status.replaceChildren() || status, [`${t("showing")} ${shown} ${t("of")} ${items.length}`,
        shown < items.length ? [" · ", el("button", { type: "button", class: "linklike", id: "timeline-show-all",
          onclick: () => { showBg = true; bgToggle.checked = true; setView(full.lo, full.hi); } }, t("showAll"))] : null]);
      toolbar.querySelector("#zoom-in").disabled = view.hi - view.lo <= 2.01;
      for (const k of ["zoom-out", "zoom-reset"]) { const b = toolbar.querySelector("#" + k); if (b) b.disabled = !zoomed(); }
      toolbar.querySelector("#pan-earlier").disabled = view.lo <= full.lo + 1e-6;
      toolbar.querySelector("#pan-later").disabled = view.hi >= full.hi - 1e-6;
      if (selected !== null) mark(selected, "selected", true);
    }

    // Geometry in left-to-right coordinates, mirrored at the end for Arabic.
    function drawPicture() {
      const W = 1000, AXIS_Y = 34, LANE = 46, SIDE = 230, ROW = 42, LABEL = 230, FONT = 12, META = 10;
      const bgItems = items.filter((x) => x.lane === "background");
      const endItems = items.filter((x) => x.lane === "later" || x.lane === "undated");
      const left = bgItems.length ? (showBg ? SIDE : 120) : 0;
      const right = endItems.length ? SIDE : 0;
      const A0 = left + 24, A1 = W - right - 24;
      const X = (d) => A0 + ((d - view.lo) / (view.hi - view.lo)) * (A1 - A0);
      const M = (x) => (rtl ? W - x : x);
      const groups = [];
      const lanes = [];
      // Marks on the axis: a lane is free when the previous label ended before this mark.
      const inView = onAxis.filter(visible).sort((a, b) => a.d - b.d || a.i - b.i);
      for (const x of inView) {
        const px = X(Math.min(Math.max(x.d, view.lo), view.hi));
        const label = fit(withoutDate(summaryOf(x.e), x.e.date_text), FONT, LABEL);
        const outs = fit(outletsOf(x.e).join(", "), META, LABEL);
        const w = Math.max(textWidth(label, FONT), textWidth(outs, META));
        const flip = px + 16 + w > W - right - 4 && px - 16 - w > left;
        const ext = flip ? [px - 16 - w, px + 12] : [px - 12, px + 16 + w];
        let lane = lanes.findIndex((end) => end + 8 <= ext[0]);
        if (lane < 0) { lane = lanes.length; lanes.push(ext[1]); } else lanes[lane] = Math.max(lanes[lane], ext[1]);
        groups.push({ x, px, lane, label, outs, flip });
      }
      const axisH = AXIS_Y + 30 + Math.max(1, lanes.length) * LANE;
      const sideH = (k) => 34 + k * ROW;
      const H = Math.max(axisH, bgItems.length && showBg ? sideH(bgItems.length) : 0, sideH(endItems.length)) + 6;
      const root = svg("svg", { class: "timeline", viewBox: `0 0 ${W} ${H}`, role: "group", direction: "ltr",
        "aria-label": t("timeline"), width: "100%", preserveAspectRatio: "xMidYMin meet", "data-from": isoDay(view.lo), "data-to": isoDay(view.hi) });
      root.appendChild(svg("title", {}, t("timeline")));
      // Lanes' backgrounds and headings.
      if (left) {
        root.appendChild(svg("rect", { class: "lane-bg background", x: M(rtl ? left : 0), y: 0, width: left, height: H }));
        root.appendChild(svg("text", { class: "lane-title", x: M(10), y: 18, "text-anchor": "start", direction: rtl ? "rtl" : "ltr" },
          `${t("background")} (${bgItems.length})`));
      }
      if (right) {
        root.appendChild(svg("rect", { class: "lane-bg end", x: M(rtl ? W : W - right), y: 0, width: right, height: H }));
        const heads = [...new Set(endItems.map((x) => t(x.lane === "later" ? "laterLane" : "undated")))].join(" · ");
        root.appendChild(svg("text", { class: "lane-title", x: M(W - right + 10), y: 18, "text-anchor": "start", direction: rtl ? "rtl" : "ltr" }, heads));
      }
      // The axis, its ticks, and how many entries lie beyond the zoomed window.
      root.appendChild(svg("line", { class: "axis", x1: M(A0), y1: AXIS_Y, x2: M(A1), y2: AXIS_Y }));
      const ticks = ticksFor(view.lo, view.hi);
      ticks.forEach((tk) => {
        const px = M(X(tk.d));
        root.appendChild(svg("line", { class: "tick", x1: px, y1: AXIS_Y - 4, x2: px, y2: AXIS_Y + 4 }));
        // The label stays inside the picture (the first tick may sit at its edge).
        const half = textWidth(tk.text, 12) / 2 + 2;
        root.appendChild(svg("text", { class: "tick-label", x: Math.min(Math.max(px, half), W - half), y: AXIS_Y - 9, "text-anchor": "middle" }, tk.text));
      });
      if (span) {
        // The days the story's articles were published, as a band on the axis.
        const a = X(Math.max(span.first, view.lo)), b = X(Math.min(span.last + 1, view.hi));
        if (b > a) root.appendChild(svg("rect", { class: "story-span", x: Math.min(M(a), M(b)), y: AXIS_Y - 3, width: Math.abs(b - a), height: 6 },
          svg("title", {}, t("articles"))));
      }
      const before = onAxis.filter((x) => x.d < view.lo).length, after = onAxis.filter((x) => x.d > view.hi).length;
      if (before) root.appendChild(svg("text", { class: "offview earlier", x: M(A0), y: AXIS_Y + 18, "text-anchor": "middle" },
        (rtl ? "▸ " : "◂ ") + before, svg("title", {}, t("earlier"))));
      if (after) root.appendChild(svg("text", { class: "offview later", x: M(A1), y: AXIS_Y + 18, "text-anchor": "middle" },
        after + (rtl ? " ◂" : " ▸"), svg("title", {}, t("later"))));
      const brush = svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: H, visibility: "hidden" });
      root.appendChild(brush);
      for (const g of groups) {
        const y = AXIS_Y + 30 + g.lane * LANE;
        root.appendChild(markNode(g.x, M(g.px), y, g.label, g.outs, g.flip === rtl, AXIS_Y, g.x.p, X, M));
      }
      // Side lanes: one row an entry, its date written out.
      const side = (list, x0, collapsed) => {
        if (collapsed) {
          const years = list.map((x) => x.p && new Date(x.p[0] * 864e5).getUTCFullYear()).filter(Boolean);
          const g = svg("g", { class: "collapsed-lane", role: "button", tabindex: 0, transform: `translate(${M(x0 + 14)},${AXIS_Y + 30})` },
            svg("title", {}, t("showBackground")),
            svg("rect", { class: "shape", x: -8, y: -8, width: 16, height: 16, rx: 3 }),
            svg("text", { class: "label", x: rtl ? -14 : 14, y: 4, "text-anchor": "start", direction: rtl ? "rtl" : "ltr" },
              !years.length ? "…" : Math.min(...years) === Math.max(...years) ? String(years[0]) : `${Math.min(...years)}–${Math.max(...years)}`));
          const open = () => { showBg = true; bgToggle.checked = true; saveState(); draw(); };
          g.addEventListener("click", open);
          g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); } });
          root.appendChild(g);
          return;
        }
        list.forEach((x, k) => {
          const label = fit(withoutDate(summaryOf(x.e), x.e.date_text), FONT, LABEL - 30);
          const meta = fit([x.e.date_text || x.e.date || t("undated"), ...outletsOf(x.e)].join(" · "), META, LABEL - 30);
          root.appendChild(markNode(x, M(x0 + 14), 44 + k * ROW, label, meta, !rtl, null));
        });
      };
      if (bgItems.length) side(bgItems, 0, !showBg);
      if (endItems.length) side(endItems, W - right, false);
      // Drag across the picture to zoom to that range.
      let from = null;
      const toX = (ev) => {
        const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(root.getScreenCTM().inverse());
        return Math.min(Math.max(rtl ? W - pt.x : pt.x, A0), A1);
      };
      root.addEventListener("pointerdown", (ev) => {
        if (ev.button !== 0 || ev.target.closest("g.mark, g.collapsed-lane")) return;
        from = toX(ev);
        root.setPointerCapture(ev.pointerId);
      });
      root.addEventListener("pointermove", (ev) => {
        if (from === null) return;
        const x = toX(ev);
        const a = M(Math.min(from, x)), b = M(Math.max(from, x));
        brush.setAttribute("x", Math.min(a, b)); brush.setAttribute("width", Math.abs(b - a)); brush.setAttribute("visibility", "visible");
      });
      const end = (ev) => {
        if (from === null) return;
        const x = toX(ev), a = Math.min(from, x), b = Math.max(from, x);
        from = null;
        brush.setAttribute("visibility", "hidden");
        if (b - a < 8) return;
        const d = (px) => view.lo + ((px - A0) / (A1 - A0)) * (view.hi - view.lo);
        const lo2 = d(a), hi2 = d(b);
        if (hi2 - lo2 < 2) { const c = (lo2 + hi2) / 2; setView(c - 1, c + 1); } else setView(lo2, hi2);
      };
      root.addEventListener("pointerup", end);
      root.addEventListener("pointercancel", () => { from = null; brush.setAttribute("visibility", "hidden"); });
      return root;
    }

    // One entry's mark: its number in a shape by status, a stem to the axis (and the period it
    // covers when the date is a month or a year), the summary beside it and the outlets under.
    function markNode(x, px, y, label, meta, toRight, axisY, period, X, M) {
      const e = x.e;
      const cls = entryClass(e);
      cls.push("lane-" + x.lane);
      const g = svg("g", { class: cls.join(" "), "data-entry": x.n, "data-lane": x.lane, tabindex: 0, role: "button",
        "aria-label": `${x.n}. ${summaryOf(e)}`, transform: `translate(${px},${y})` });
      const outs = outletsOf(e);
      g.appendChild(svg("title", {}, [`${x.n}. ${summaryOf(e)}`, e.date_text || e.date || t("undated"),
        (e.status_text || e.status || "") + (x.lane === "background" ? " · " + t("background") : ""),
        e.support_text || "", outs.length ? t("outlets") + ": " + outs.join(", ") : ""].filter(Boolean).join("\n")));
      if (axisY !== null) {
        g.appendChild(svg("line", { class: "stem", x1: 0, y1: axisY - y, x2: 0, y2: -10 }));
        if (period && period[1] > period[0] && period[1] - period[0] < (view.hi - view.lo) * 0.6) {
          // A month or a week: the period it covers, on the axis (not when it would cover most
          // of the window, as a year does on a story of weeks).
          const a = M(X(Math.max(period[0], view.lo))) - px, b = M(X(Math.min(period[1] + 1, view.hi))) - px;
          g.appendChild(svg("rect", { class: "period", x: Math.min(a, b), y: axisY - y - 2, width: Math.abs(b - a), height: 4 }));
        }
      }
      const r = x.lane === "axis" ? 9 : 7;
      if (e.status === "denied") g.appendChild(svg("path", { class: "shape", d: `M${-r},${-r} L${r},${r} M${-r},${r} L${r},${-r}` }));
      else g.appendChild(svg("circle", { class: "shape", r, cx: 0, cy: 0 }));
      if (Array.isArray(e.conflicts) && e.conflicts.length) {
        g.appendChild(svg("circle", { class: "conflict-ring", r: r + 4, cx: 0, cy: 0 }));
        g.appendChild(svg("text", { class: "conflict-bang", x: toRight ? -r - 8 : r + 8, y: -r, "text-anchor": "middle" }, "!"));
      }
      g.appendChild(svg("text", { class: "num", x: 0, y: 3.5, "text-anchor": "middle" }, String(x.n)));
      // Text beside the mark: `toRight` is the side in screen terms; the text's own direction
      // follows the page so Arabic reads right to left.
      const dir = rtl ? "rtl" : "ltr";
      const anchor = toRight === !rtl ? "start" : "end";
      const tx = toRight ? 14 : -14;
      g.appendChild(svg("text", { class: "label", x: tx, y: 4, "text-anchor": anchor, direction: dir }, label));
      if (meta) g.appendChild(svg("text", { class: "outlet", x: tx, y: 18, "text-anchor": anchor, direction: dir }, meta));
      g.addEventListener("mouseenter", () => mark(x.n, "hot", true));
      g.addEventListener("mouseleave", () => mark(x.n, "hot", false));
      g.addEventListener("focus", () => mark(x.n, "hot", true));
      g.addEventListener("blur", () => mark(x.n, "hot", false));
      g.addEventListener("click", () => select(x.n, true));
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(x.n, true); } });
      return g;
    }

    // Highlight entry `n` in the picture and the list together.
    function mark(n, cls, on) {
      for (const node of sec.querySelectorAll(`[data-entry="${n}"]`)) node.classList.toggle(cls, on);
    }
    function select(n, fromPicture) {
      if (selected !== null) mark(selected, "selected", false);
      selected = n;
      mark(n, "selected", true);
      const li = list.querySelector(`li[data-entry="${n}"]`);
      if (fromPicture && li) { li.scrollIntoView({ block: "nearest" }); li.focus({ preventScroll: true }); }
    }
    // The list: hovering an entry lights its mark; clicking it selects it and brings it into
    // the picture's window when zoomed elsewhere.
    for (const x of items) {
      const li = list.querySelector(`li[data-entry="${x.n}"]`);
      if (!li) continue;
      li.tabIndex = -1;
      li.addEventListener("mouseenter", () => mark(x.n, "hot", true));
      li.addEventListener("mouseleave", () => mark(x.n, "hot", false));
      li.addEventListener("click", (ev) => {
        if (ev.target.closest("a")) return;
        if (x.lane === "axis" && !visible(x)) {
          const w = view.hi - view.lo;
          setView(x.d - w / 2, x.d + w / 2);
        }
        select(x.n, false);
      });
    }
    draw();
    return sec;
  }

  function legend() {
    const item = (cls, label) => el("li", { class: "legend-" + cls }, el("span", { class: "swatch " + cls }), label);
    return el("ul", { class: "legend", "aria-label": t("legend") },
      item("confirmed", t("confirmed")), item("hedged", t("hedged")), item("denied", t("denied")),
      item("conflict", t("conflict")), item("background", t("background")),
      el("li", { class: "legend-span" }, el("span", { class: "swatch span" }), t("spanLegend")));
  }

  function timelineList(entries, storyTitles) {
    return el("ol", { class: "entries" }, entries.map((e, i) => {
      const outs = outletsOf(e);
      const flags = [];
      if (e.background) flags.push(el("span", { class: "flag background" }, t("background")));
      if (e.status === "denied") flags.push(el("span", { class: "flag denied" }, e.status_text || t("denied")));
      else if (HEDGED.has(e.status)) flags.push(el("span", { class: "flag hedged" }, e.status_text || t("hedged")));
      if (Array.isArray(e.conflicts) && e.conflicts.length) {
        const other = e.conflicts.map((c) => c.value_text || c.value).filter(Boolean).join(", ");
        flags.push(el("span", { class: "flag conflict" }, t("conflict") + (other ? ": " : ""), bdi(other)));
      }
      const support = Array.isArray(e.support) ? e.support : [];
      return el("li", { class: entryClass(e).join(" ").replace("mark", "entry"), value: i + 1, "data-entry": i + 1 },
        el("span", { class: "when" }, bdi(e.date_text || e.date || t("undated"))), " ",
        el("span", { class: "summary" }, bdi(summaryOf(e))), " ", flags,
        outs.length || support.length ? el("div", { class: "support" },
          // The counts in words from the server ("3 outlets, 5 articles (2 copies)").
          e.support_text ? [el("span", { class: "corroboration" }, bdi(e.support_text)), " · "] : null,
          t("outlets") + ": ",
          support.length ? supportLinks(support) : bdi(outs.join(", "))) : null,
        // Statements about this happening, told beside it rather than as entries (issue 18 §1).
        Array.isArray(e.said) && e.said.length ? el("div", { class: "said" }, t("said") + ":",
          el("ul", {}, e.said.map((x) => el("li", {},
            el("span", { class: "when" }, bdi(x.date_text || x.date || t("undated"))), " ", bdi(summaryOf(x)))))) : null,
        storyTitles && e.story ? el("div", { class: "entry-story" }, t("story") + ": ",
          el("a", { href: href("story", e.story), class: "story-link", title: e.story, lang: "id" }, bdi(storyTitles[e.story] || e.story))) : null);
    }));
  }

  // An entity's timeline: a plain chronological list (it spans many stories, so no picture),
  // each entry naming the story it belongs to.
  function entityTimelineSection(entries, storyTitles) {
    const sec = el("section", { class: "timeline-section entity-timeline" }, el("h2", {}, t("timeline")));
    if (!entries || !entries.length) return append(sec, [el("p", { class: "muted" }, t("noTimeline"))]);
    return append(sec, [timelineList(entries, storyTitles)]);
  }

  function articleList(arts) {
    return el("ul", { class: "articles" }, (arts || []).map((a) => el("li", {},
      el("a", { href: href("article", a.id), lang: "id", title: a.source }, bdi(a.title || shortSource(a.source))), " ",
      el("span", { class: "muted" }, bdi([a.outlet, a.published].filter(Boolean).join(" · "))))));
  }

  // ---- pages ---------------------------------------------------------------------------------
  // Previous / next links and "21–40 of 441" for a paged list; `hrefAt(offset)` builds a link.
  function pager(id, offset, shown, total, limit, next, hrefAt) {
    if (!total) return null;
    const from = shown ? offset + 1 : 0;
    const prev = offset > 0 ? Math.max(0, offset - limit) : null;
    return el("nav", { class: "pager", id, "aria-label": t("results") },
      prev !== null ? el("a", { class: "prev", rel: "prev", href: hrefAt(prev) }, "← " + t("prev")) : null,
      el("span", { class: "range muted" }, `${from}–${offset + shown} ${t("of")} ${total}`),
      next !== null && next !== undefined ? el("a", { class: "next", rel: "next", href: hrefAt(next) }, t("next") + " →") : null);
  }

  const STORIES_PAGE = 100;
  const STORY_SORTS = ["latest", "earliest", "articles", "outlets", "created"];
  const SEARCH_SORTS = ["relevance", "newest"];

  // A labelled <select> of orders (`sortLatest`, ... in the interface words); `onPick(value)`.
  function sortSelect(id, values, current, onPick) {
    const sel = el("select", { id, name: "sort" }, values.map((v) =>
      el("option", { value: v, selected: v === current ? "" : null }, t("sort" + v[0].toUpperCase() + v.slice(1)))));
    if (onPick) sel.addEventListener("change", () => onPick(sel.value));
    return el("label", { class: "sort" }, t("sort"), " ", sel);
  }

  async function storiesPage() {
    document.title = "warta — " + t("stories");
    const sp = searchParamsFromHash();
    const offset = Math.max(0, parseInt(sp.get("offset") || "0", 10) || 0);
    const sort = STORY_SORTS.includes(sp.get("sort")) ? sp.get("sort") : "latest";
    const d = await api(`/api/stories?limit=${STORIES_PAGE}&offset=${offset}&sort=${sort}`);
    if (!d.stories.length && !d.total) return show(el("h1", {}, t("stories")), el("p", { class: "muted" }, t("noResults")));
    const page = (o, by) => {
      const p = new URLSearchParams();
      if (o) p.set("offset", String(o));
      if ((by || sort) !== "latest") p.set("sort", by || sort);
      const q = p.toString();
      return "#/" + (q ? "?" + q : "");
    };
    const order = sortSelect("story-sort", STORY_SORTS, sort, (v) => { location.hash = page(0, v); });
    show(el("h1", {}, t("stories")), order,
      pager("stories-pager", d.offset, d.stories.length, d.total, d.limit, d.next, page),
      el("ul", { id: "story-list", class: "cards" }, d.stories.map((s) =>
      el("li", { class: "story card", "data-story": s.id },
        el("a", { class: "title", href: href("story", s.id), lang: s.title_lang || "id",
          title: s.title_untranslated ? t("titleId") : null }, bdi(s.title)),
        el("div", { class: "meta" },
          bdi([s.first_date_text, s.last_date_text].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(" – ")),
          " · ", `${s.article_count} ${t("articles").toLowerCase()}`, " · ", bdi((s.outlets || []).join(", ")))))),
      pager("stories-pager-bottom", d.offset, d.stories.length, d.total, d.limit, d.next, page));
  }

  // Articles per day, one bar a day stacked by outlet (the biggest outlets get their own colour,
  // the rest share grey); days without articles leave a gap so the spacing is time.
  const OUTLET_COLOURS = ["#0b5cad", "#1f6f43", "#b26b00", "#7b3fa0", "#c2185b", "#00838f"];
  function coverageChart(c) {
    if (!c || !c.days || !c.days.length) return null;
    const day = (d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86400000;
    const first = day(c.days[0].date), last = day(c.days[c.days.length - 1].date);
    const nDays = last - first + 1;
    const BAR = Math.max(4, Math.min(28, Math.floor(900 / nDays))), H = 120, PAD = 24;
    const W = PAD * 2 + nDays * BAR;
    const max = Math.max(...c.days.map((d) => d.total));
    const colour = (o) => { const k = c.outlets.indexOf(o); return k >= 0 && k < OUTLET_COLOURS.length ? OUTLET_COLOURS[k] : "#8a8f99"; };
    const rtl = lang === "ar";
    const bars = c.days.map((d) => {
      const k = day(d.date) - first;
      const x = rtl ? W - PAD - (k + 1) * BAR : PAD + k * BAR;
      let y = H;
      const parts = c.outlets.filter((o) => d.outlets[o]).map((o) => {
        const h = (d.outlets[o] / max) * (H - 10);
        y -= h;
        return svg("rect", { x: x + 1, y, width: BAR - 2, height: h, fill: colour(o), class: "bar", "data-outlet": o },
          svg("title", {}, `${d.date} · ${o}: ${d.outlets[o]}`));
      });
      return svg("g", { class: "day", "data-date": d.date, "data-total": d.total }, parts);
    });
    const x0 = rtl ? W - PAD - BAR / 2 : PAD + BAR / 2, x1 = rtl ? PAD + BAR / 2 : W - PAD - BAR / 2;
    // The last day's label goes on a second line when it would run into the first's.
    const second = nDays > 1 && Math.abs(x1 - x0) < 80;
    const label = (d, anchor, row) => svg("text", { x: anchor, y: H + 16 + row * 14, class: "tick-label", "text-anchor": "middle" }, d);
    const HH = H + 24 + (second ? 14 : 0);
    const chart = svg("svg", { class: "coverage", viewBox: `0 0 ${W} ${HH}`, width: W, height: HH, role: "img",
      "aria-label": t("coverage") },
      svg("line", { x1: PAD, x2: W - PAD, y1: H, y2: H, class: "axis" }), bars,
      label(c.days[0].date, x0, 0), nDays > 1 ? label(c.days[c.days.length - 1].date, x1, second ? 1 : 0) : null);
    const key = el("ul", { class: "coverage-key" }, c.outlets.slice(0, OUTLET_COLOURS.length).map((o) =>
      el("li", {}, svg("svg", { class: "swatch", width: 12, height: 12, viewBox: "0 0 12 12" },
        svg("rect", { width: 12, height: 12, rx: 2, fill: colour(o) })), bdi(o))));
    return el("section", { class: "coverage-section" }, el("h2", {}, t("coverage")),
      el("div", { class: "picture" }, chart), key,
      c.undated ? el("p", { class: "muted" }, `${c.undated} ${t("undated")}`) : null);
  }

  async function storyPage(id) {
    const [s, cov] = await Promise.all([
      api("/api/stories/" + encodeURIComponent(id)),
      api("/api/stories/" + encodeURIComponent(id) + "/coverage").catch(() => null)]);
    document.title = "warta — " + s.title;
    const quotes = el("section", { class: "quotes" }, el("h2", {}, t("quotes")),
      (s.quotes_by_speaker || []).map((g) => el("details", { class: "speaker", open: true },
        el("summary", {}, g.speaker
          ? (g.entity ? el("a", { href: href("entity", g.entity) }, nameNode(g.speaker_text, g.speaker)) : nameNode(g.speaker_text, g.speaker))
          : t("unknownSpeaker"), el("span", { class: "count" }, String(g.count))),
        el("ul", {}, g.quotes.map((q) => el("li", {},
          el("q", { lang: "id" }, bdi(q.text)), " ",
          el("a", { class: "muted", href: href("article", q.article), title: q.title || q.source }, bdi(supportName(q)))))))));
    show(
      el("h1", { lang: "id" }, bdi(s.title)),
      s.headline ? el("p", { class: "headline" }, bdi(s.headline)) : null,
      el("p", { class: "meta" }, bdi([s.first_date_text, s.last_date_text].filter(Boolean).join(" – ")), " · ",
        t("outlets") + ": ", bdi((s.outlets || []).join(", "))),
      storyTimeline(s.timeline, s, id),
      coverageChart(cov),
      el("section", { class: "entities" }, el("h2", {}, t("entities")),
        el("ul", { class: "entity-list" }, (s.entities || []).map((e) => el("li", { "data-type": e.type },
          e.id ? el("a", { href: href("entity", e.id) }, nameNode(e.name_text, e.name)) : nameNode(e.name_text, e.name),
          " ", el("span", { class: "muted" }, `${e.type} · ${e.articles}/${e.mentions}`))))),
      quotes,
      el("section", {}, el("h2", {}, t("articles")), articleList(s.articles)));
  }

  async function entityPage(id) {
    const e = await api("/api/entities/" + encodeURIComponent(id));
    document.title = "warta — " + e.name;
    show(
      el("h1", {}, nameNode(e.name_text, e.name)),
      el("dl", { class: "facts" },
        el("dt", {}, t("type")), el("dd", {}, e.type, e.kb ? ` (${e.kb})` : ""),
        el("dt", {}, "ID"), el("dd", { lang: "id" }, bdi(e.name)),
        el("dt", {}, t("aliases")), el("dd", { lang: "id" }, bdi((e.aliases || []).join(", ") || "–")),
        // Names the entity's stories give the same actor, each with why and where (issue 19 §1).
        el("dt", {}, t("same_as")), el("dd", { class: "same-as" }, (e.same_as || []).length
          ? el("ul", {}, e.same_as.map((v) => el("li", {},
              v.entity ? el("a", { href: href("entity", v.entity), lang: "id" }, bdi(v.name)) : el("span", { lang: "id" }, bdi(v.name)),
              " — ", t("reason_" + v.reason), " (", el("span", { lang: "id" }, bdi(v.source)), "; ",
              el("a", { href: href("story", v.story), class: "story-link", lang: "id" }, bdi((e.story_titles || {})[v.story] || v.story)), ")")))
          : "–"),
        el("dt", {}, t("mentions")), el("dd", {}, String(e.mentions)),
        el("dt", {}, t("stories")), el("dd", {}, (e.stories || []).map((s, k) => [k ? ", " : "",
          el("a", { href: href("story", s), class: "story-link", title: s, lang: "id" }, bdi((e.story_titles || {})[s] || s))]))),
      // Each entry names its story when the entity touches more than one (one is named above).
      entityTimelineSection(e.timeline, (e.stories || []).length > 1 ? e.story_titles || {} : null),
      el("section", {}, el("h2", {}, t("articles")), articleList(e.articles)));
  }

  // Byte offsets (UTF-8) into the text → pieces of the text with the spans covering them.
  function segments(text, spans) {
    const bytes = new TextEncoder().encode(text);
    const dec = new TextDecoder();
    const cuts = new Set([0, bytes.length]);
    const ok = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= bytes.length);
    for (const s of ok) { cuts.add(s.start); cuts.add(s.end); }
    const sorted = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let k = 0; k + 1 < sorted.length; k++) {
      const a = sorted[k], b = sorted[k + 1];
      out.push({ text: dec.decode(bytes.subarray(a, b)), covering: ok.filter((s) => s.start <= a && s.end >= b) });
    }
    return out;
  }

  async function articlePage(id) {
    const a = await api("/api/articles/" + encodeURIComponent(id));
    const an = a.analysis || {};
    document.title = "warta — " + (a.title || a.source);
    const spans = [];
    for (const e of an.entities || []) for (const m of e.mentions || [])
      spans.push({ kind: "ent", start: m.start, end: m.end, label: `${e.name} (${e.type})`, entity: (a.entity_ids || {})[e.id], etype: e.type });
    for (const x of an.times || []) spans.push({ kind: "time", start: x.start, end: x.end, label: `${x.type} ${x.value}` });
    for (const q of an.quotes || []) spans.push({ kind: "quote", start: q.start, end: q.end, label: q.speaker ? "— " + q.speaker : "—" });
    for (const r of an.removed || []) spans.push({ kind: "removed", start: r.start, end: r.end, label: r.reason });
    const body = el("div", { id: "article-text", class: "article-text", lang: "id", dir: "ltr" });
    for (const seg of segments(a.text || "", spans)) {
      if (!seg.covering.length) { body.appendChild(document.createTextNode(seg.text)); continue; }
      const kinds = [...new Set(seg.covering.map((s) => s.kind))];
      const ent = seg.covering.find((s) => s.kind === "ent" && s.entity);
      const title = seg.covering.map((s) => s.label).join(" · ");
      const attrs = { class: kinds.map((k) => "hl-" + k).join(" "), title, "data-kinds": kinds.join(" ") };
      const node = ent ? el("a", { ...attrs, href: href("entity", ent.entity) }, seg.text) : el("span", attrs, seg.text);
      if (ent) node.classList.add("hl-" + (ent.etype || "").toLowerCase());
      if (kinds.includes("removed")) { const r = seg.covering.find((s) => s.kind === "removed"); node.setAttribute("data-reason", r.label); }
      body.appendChild(node);
    }
    const removed = an.removed || [];
    const list = el("ol", { id: "removed-list", class: "removed-list", hidden: true },
      removed.map((r) => el("li", {}, el("span", { class: "reason" }, r.reason), " ", el("span", { lang: "id" }, bdi(r.text)))));
    const toggle = el("button", { id: "toggle-removed", type: "button", "aria-pressed": "false", "aria-controls": "article-text" }, t("showRemoved") + ` (${removed.length})`);
    toggle.addEventListener("click", () => {
      const on = !body.classList.contains("show-removed");
      body.classList.toggle("show-removed", on);
      list.hidden = !on;
      toggle.setAttribute("aria-pressed", String(on));
      toggle.textContent = (on ? t("hideRemoved") : t("showRemoved")) + ` (${removed.length})`;
    });
    show(
      el("h1", { lang: "id" }, bdi(a.title || a.source)),
      el("p", { class: "meta" }, bdi([a.outlet, a.published_text || a.published].filter(Boolean).join(" · ")),
        a.story ? [" · ", t("story") + ": ", el("a", { href: href("story", a.story), class: "story-link", title: a.story, lang: "id" }, bdi(a.story_title || a.story))] : null,
        " · ", el("span", { class: "muted" }, bdi(a.source))),
      el("ul", { class: "legend" },
        el("li", {}, el("span", { class: "hl-ent" }, t("entities"))), el("li", {}, el("span", { class: "hl-time" }, t("times"))),
        el("li", {}, el("span", { class: "hl-quote" }, t("quotes"))), el("li", {}, el("span", { class: "hl-removed shown" }, t("removed")))),
      el("div", { class: "toolbar" }, toggle),
      el("h2", {}, t("text")), body,
      lang === "id" ? null : translationSection(id, a),
      el("section", {}, el("h2", {}, t("removed")), list));
  }

  // The article machine-translated on demand (a backend call costs), with the note that it is
  // machine generated; or the server's word that translation is off.
  function translationSection(id, a) {
    const sec = el("section", { id: "translation", class: "translation" }, el("h2", {}, t("mt")));
    const path = "/api/articles/" + encodeURIComponent(id) + "/translation";
    const render = (v) => {
      if (v.translation !== "on") {
        sec.appendChild(el("p", { id: "translation-off", class: "muted" }, bdi(v.message)));
        return;
      }
      const flagged = new Set(v.flagged || []);
      const box = el("div", { id: "translation-text", lang: v.lang, dir: v.dir });
      box.appendChild(el("p", { class: "note" }, bdi(v.note)));
      if (v.title) box.appendChild(el("h3", { class: flagged.has("title") ? "flagged" : null }, bdi(v.title)));
      (v.body || []).forEach((p, i) => {
        const f = flagged.has(`body[${i}]`);
        box.appendChild(el("p", { class: f ? "flagged" : null, title: f ? t("flagged") : null }, bdi(p)));
      });
      sec.appendChild(box);
    };
    if (a.translation !== "on") {
      api(path).then(render, (e) => sec.appendChild(el("p", { class: "error" }, bdi(e.message))));
      return sec;
    }
    const btn = el("button", { id: "translate-button", type: "button" }, t("translate"));
    const token = tokenField("translate-token", t("token"));
    btn.addEventListener("click", () => {
      token.take();
      btn.disabled = true;
      btn.textContent = t("translating");
      api(path, true).then((v) => { btn.remove(); if (token.node) token.node.remove(); render(v); },
        (e) => { btn.disabled = false; btn.textContent = t("translate"); sec.appendChild(el("p", { class: "error" }, bdi(e.message))); });
    });
    if (token.node) sec.appendChild(token.node);
    sec.appendChild(btn);
    return sec;
  }

  function searchParamsFromHash() {
    const i = location.hash.indexOf("?");
    return new URLSearchParams(i >= 0 ? location.hash.slice(i + 1) : "");
  }
  function searchHash(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
    const s = p.toString();
    return "#/search" + (s ? "?" + s : "");
  }
  function lastDay(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }

  // Search hits (of a search or a saved search): title, outlet and date, story, snippet.
  function hitList(id, hits) {
    return el("ol", { id, class: "hits" }, hits.map((h) => el("li", { class: "hit", "data-id": h.id },
      el("a", { class: "title", href: href("article", h.id), lang: "id" }, bdi(h.title || h.source)),
      el("div", { class: "meta" }, bdi([h.outlet, h.published_text].filter(Boolean).join(" · ")),
        h.story ? [" · ", t("story") + ": ", el("a", { href: href("story", h.story), class: "story-link", title: h.story, lang: "id" }, bdi(h.story_title || h.story))] : null),
      el("p", { class: "snippet", lang: "id" }, (h.snippet_parts || []).map((p) => p.match ? el("mark", {}, p.text) : p.text)))));
  }

  async function searchPage() {
    document.title = "warta — " + t("search");
    const sp = searchParamsFromHash();
    const cur = {};
    for (const k of ["q", "outlet", "entity", "from", "to", "type", "sort"]) cur[k] = sp.get(k) || "";
    if (!SEARCH_SORTS.includes(cur.sort) || cur.sort === "relevance") cur.sort = "";
    const offset = Math.max(0, parseInt(sp.get("offset") || "0", 10) || 0);
    const input = (k, type) => el("label", {}, t(k === "q" ? "query" : k), " ",
      el("input", { name: k, type: type || "search", value: cur[k], dir: "auto", id: "search-" + k }));
    const form = el("form", { id: "search-form", class: "search-form", role: "search" },
      input("q"), input("outlet", "text"), input("entity", "text"), input("from", "date"), input("to", "date"),
      sortSelect("search-sort", SEARCH_SORTS, cur.sort || "relevance"),
      el("button", { type: "submit" }, t("go")));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      // The event type is picked from its facet (no field of its own): kept as it is.
      const next = { type: cur.type };
      for (const k of ["q", "outlet", "entity", "from", "to", "sort"]) next[k] = form.elements[k].value.trim();
      if (next.sort === "relevance") next.sort = "";
      location.hash = searchHash(next);
    });
    const chipText = (k) => k === "type" ? t("eventType") + ": " : t(k) + ": ";
    const active = el("div", { class: "active-filters" }, ["outlet", "entity", "from", "to", "type"].filter((k) => cur[k]).map((k) =>
      el("button", { type: "button", class: "chip", "data-filter": k, onclick: () => { location.hash = searchHash({ ...cur, [k]: "" }); } },
        chipText(k), bdi(cur[k]), " ×")));
    const anyFilter = ["q", "outlet", "entity", "from", "to", "type"].some((k) => cur[k]);
    if (!anyFilter) return show(el("h1", {}, t("search")), form);
    let d;
    try {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(cur)) if (v) p.set(k, v);
      if (offset) p.set("offset", String(offset));
      d = await api("/api/search?" + p.toString());
    } catch (e) {
      return show(el("h1", {}, t("search")), form, active, errorBox(e));
    }
    const facet = (name, values, onPick, label) => {
      const entries = Object.entries(values || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (!entries.length) return null;
      return el("section", { class: "facet", "data-facet": name }, el("h3", {}, t(name === "event_type" ? "eventType" : name)),
        el("ul", {}, entries.map(([v, n]) => el("li", {},
          el("button", { type: "button", class: "facet-value", "data-value": v, onclick: () => onPick(v) },
            label ? label(v) : bdi(v), " ", el("span", { class: "count" }, String(n)))))));
    };
    const labels = (d.facet_labels && d.facet_labels.entity) || {};
    const typeLabels = (d.facet_labels && d.facet_labels.event_type) || {};
    if (cur.type && typeLabels[cur.type]) {
      const chip = active.querySelector('[data-filter="type"] bdi');
      if (chip) chip.textContent = typeLabels[cur.type];
    }
    const facets = el("aside", { class: "facets", id: "facets" },
      facet("outlet", d.facets.outlet, (v) => { location.hash = searchHash({ ...cur, outlet: v }); }),
      facet("entity", d.facets.entity, (v) => { location.hash = searchHash({ ...cur, entity: v }); }, (v) => nameNode(labels[v], v)),
      facet("event_type", d.facets.event_type, (v) => { location.hash = searchHash({ ...cur, type: v }); },
        (v) => bdi(typeLabels[v] || v)),
      facet("year", d.facets.year, (v) => { location.hash = searchHash({ ...cur, from: `${v}-01-01`, to: `${v}-12-31` }); }),
      facet("month", d.facets.month, (v) => {
        const [y, m] = v.split("-").map(Number);
        location.hash = searchHash({ ...cur, from: `${v}-01`, to: `${v}-${String(lastDay(y, m)).padStart(2, "0")}` });
      }),
      facet("story", d.facets.story, (v) => { location.hash = href("story", v); },
        (v) => bdi(((d.facet_labels && d.facet_labels.story) || {})[v] || v)),
      d.facets_complete ? null : el("p", { class: "muted" }, t("facetsPartial")));
    const hits = hitList("hits", d.hits);
    const at = (o) => searchHash({ ...cur, offset: o ? String(o) : "" });
    show(el("h1", {}, t("search")), form, active, saveControl(cur),
      el("p", { class: "muted", id: "total" }, `${d.hits.length} ${t("of")} ${d.total} ${t("results")}`),
      el("div", { class: "search-layout" }, facets, el("div", {},
        d.hits.length ? hits : el("p", {}, t("noResults")),
        pager("search-pager", d.offset || 0, d.hits.length, d.total, d.limit || 20, d.next, at))),
      coverageChart(d.coverage));
  }

  // ---- saved searches --------------------------------------------------------------------------
  // "Save this search": a name (and the server token, once per tab) → POST /api/saved.
  function saveControl(cur) {
    const box = el("details", { id: "save-search", class: "save-search" }, el("summary", {}, t("saveSearch")));
    const name = el("input", { id: "save-name", type: "text", dir: "auto", value: cur.q || cur.entity || cur.outlet || "",
      "aria-label": t("saveName"), maxlength: 100 });
    const token = tokenField("save-token", t("tokenWrite"));
    const status = el("p", { id: "save-status", role: "status" });
    const btn = el("button", { id: "save-button", type: "button" }, t("save"));
    btn.addEventListener("click", async () => {
      token.take();
      btn.disabled = true;
      try {
        const body = { name: name.value.trim(), q: cur.q || "" };
        for (const k of ["outlet", "entity", "from", "to", "type"]) if (cur[k]) body[k] = cur[k];
        const saved = await send("POST", "/api/saved", body);
        status.replaceChildren(t("savedOk") + " ", el("a", { href: href("saved", saved.id) }, bdi(saved.name)));
        status.className = "";
      } catch (e) {
        status.replaceChildren(bdi(e.message));
        status.className = "error";
      }
      btn.disabled = false;
    });
    append(box, [el("label", {}, t("saveName"), " ", name), " ", token.node, " ", btn, status]);
    return box;
  }

  function savedQueryText(s) {
    const f = s.filters || {};
    const parts = ["outlet", "entity", "from", "to", "type"].filter((k) => f[k])
      .map((k) => `${k === "type" ? t("eventType") : t(k)}: ${f[k]}`);
    return s.query + (parts.length ? " (" + parts.join(", ") + ")" : "");
  }
  function savedSearchHash(s) {
    const f = s.filters || {};
    return searchHash({ q: s.query, outlet: f.outlet, entity: f.entity, from: f.from, to: f.to, type: f.type });
  }

  // "Delete" with a confirmation step in the page (no browser dialog), the token once per tab:
  // DELETE /api/saved/{id}, then `done(deleted)`.
  let flash = null;
  function deleteControl(s, done) {
    const box = el("span", { class: "delete-saved", "data-saved": s.id });
    const start = el("button", { type: "button", class: "danger delete-start", "aria-expanded": "false" }, t("del"));
    // The token field shows while the tab has no token (also after the server refused one).
    const token = el("input", { id: "delete-token-" + s.id, type: "password", autocomplete: "off",
      "aria-label": t("tokenWrite"), placeholder: t("tokenWrite") });
    const needToken = () => { token.hidden = !!sessionStorage.getItem(TOKEN_KEY); };
    const yes = el("button", { type: "button", class: "danger delete-confirm" }, t("yesDel"));
    const no = el("button", { type: "button", class: "delete-cancel" }, t("cancel"));
    const status = el("span", { class: "delete-status", role: "status" });
    const ask = el("span", { class: "delete-ask", hidden: true }, t("confirmDel"), " ", token, " ", yes, " ", no);
    start.addEventListener("click", () => {
      needToken();
      ask.hidden = false; start.hidden = true; start.setAttribute("aria-expanded", "true");
      (token.hidden ? yes : token).focus();
    });
    no.addEventListener("click", () => { ask.hidden = true; start.hidden = false; start.setAttribute("aria-expanded", "false"); start.focus(); });
    yes.addEventListener("click", async () => {
      if (!token.hidden && token.value.trim()) sessionStorage.setItem(TOKEN_KEY, token.value.trim());
      yes.disabled = true;
      try {
        const out = await send("DELETE", `/api/saved/${encodeURIComponent(s.id)}`);
        done(out.deleted || s);
      } catch (e) {
        status.replaceChildren(bdi(e.message));
        status.className = "delete-status error";
        yes.disabled = false;
        needToken();
      }
    });
    return append(box, [start, ask, " ", status]);
  }
  const flashNode = () => {
    if (!flash) return null;
    const n = el("p", { id: "flash", role: "status", class: "flash" }, t("deletedOk") + " ", bdi(flash));
    flash = null;
    return n;
  };

  async function savedListPage() {
    document.title = "warta — " + t("saved");
    const d = await api("/api/saved");
    const note = flashNode();
    if (!d.saved.length) return show(el("h1", {}, t("saved")), note, el("p", { class: "muted", id: "saved-empty" }, t("noSaved")));
    const afterDelete = (gone) => { flash = gone.name; route(); };
    show(el("h1", {}, t("saved")), note, el("ul", { id: "saved-list", class: "cards" }, d.saved.map((s) =>
      el("li", { class: "card saved", "data-saved": s.id },
        el("a", { class: "title", href: href("saved", s.id) }, bdi(s.name)), " ",
        el("span", { class: s.new_count ? "badge new" : "badge", "data-new": s.new_count, title: t("newSince") },
          `${s.new_count} ${t("newSince")}`),
        el("div", { class: "meta" }, bdi(savedQueryText(s)), " · ",
          el("a", { href: savedSearchHash(s) }, t("open")), " · ",
          el("a", { class: "feed", href: s.links.atom, type: "application/atom+xml" }, t("feed")), " · ",
          deleteControl(s, afterDelete))))));
  }

  async function savedPage(id) {
    const offset = Math.max(0, parseInt(searchParamsFromHash().get("offset") || "0", 10) || 0);
    const d = await api(`/api/saved/${encodeURIComponent(id)}?offset=${offset}`);
    document.title = "warta — " + d.search.name;
    const token = tokenField("seen-token", t("tokenWrite"));
    const btn = el("button", { id: "mark-seen", type: "button" }, t("markSeen"));
    const status = el("p", { id: "seen-status", role: "status" });
    btn.addEventListener("click", async () => {
      token.take();
      btn.disabled = true;
      try {
        await send("POST", `/api/saved/${encodeURIComponent(id)}/seen?through=${d.watermark}`);
        await route();
      } catch (e) {
        status.replaceChildren(bdi(e.message));
        status.className = "error";
        btn.disabled = false;
      }
    });
    const at = (o) => href("saved", id) + (o ? "?offset=" + o : "");
    show(el("h1", {}, bdi(d.search.name)),
      el("p", { class: "meta" }, bdi(savedQueryText(d.search)), " · ", el("a", { href: savedSearchHash(d.search) }, t("open")),
        " · ", el("a", { class: "feed", href: d.links.atom, type: "application/atom+xml" }, t("feed")),
        " · ", deleteControl(d.search, (gone) => { flash = gone.name; location.hash = "#/saved"; })),
      el("section", { id: "saved-new" }, el("h2", {}, `${t("newMatches")} (${d.new_count})`),
        d.new.length ? hitList("new-hits", d.new) : el("p", { class: "muted" }, t("noResults")),
        d.new_count ? [token.node, " ", btn, status] : null),
      el("section", { id: "saved-all" }, el("h2", {}, `${t("allMatches")} (${d.total})`),
        d.hits.length ? hitList("saved-hits", d.hits) : el("p", { class: "muted" }, t("noResults")),
        pager("saved-pager", d.offset || 0, d.hits.length, d.total, d.limit || 20, d.next, at)));
  }

  // ---- router ----------------------------------------------------------------------------------
  async function route() {
    updateLangLinks();
    const h = location.hash.replace(/^#\/?/, "");
    const path = h.split("?")[0].split("/").map((p) => { try { return decodeURIComponent(p); } catch (_) { return p; } });
    app().setAttribute("aria-busy", "true");
    try {
      if (path[0] === "story" && path[1]) await storyPage(path[1]);
      else if (path[0] === "entity" && path[1]) await entityPage(path[1]);
      else if (path[0] === "article" && path[1]) await articlePage(path[1]);
      else if (path[0] === "search") await searchPage();
      else if (path[0] === "saved" && path[1]) await savedPage(path[1]);
      else if (path[0] === "saved") await savedListPage();
      else await storiesPage();
    } catch (e) {
      show(errorBox(e));
    }
    app().setAttribute("aria-busy", "false");
    document.body.setAttribute("data-ready", location.hash || "#/");
  }

  setupChrome();
  window.addEventListener("hashchange", route);
  route();
})();
