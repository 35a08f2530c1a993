# Notes sur les textes traduits automatiquement (warta_translate). Écrites pour warta.
machine-translated = Traduction automatique depuis l’indonésien. Seul l’original indonésien fait foi.
translation-off = La traduction est désactivée : aucun service de traduction n’est configuré.
untranslated = Original indonésien, non traduit.
