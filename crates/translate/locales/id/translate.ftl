# Catatan untuk teks terjemahan mesin (warta_translate). Ditulis untuk warta.
machine-translated = Terjemahan mesin dari bahasa Indonesia. Teks asli berbahasa Indonesia yang berlaku.
translation-off = Penerjemahan tidak aktif: belum ada layanan penerjemah yang diatur.
untranslated = Teks asli berbahasa Indonesia, tidak diterjemahkan.
