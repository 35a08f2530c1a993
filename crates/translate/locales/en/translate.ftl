# Notes on machine-translated text (warta_translate). Written for warta.
machine-translated = Machine translation from Indonesian. The Indonesian original is authoritative.
translation-off = Translation is off: no translation backend is configured.
untranslated = Indonesian original, not translated.
