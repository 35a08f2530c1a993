# 機械翻訳したテキストの注記（warta_translate）。warta のために書いたもの。
machine-translated = この文章はインドネシア語からの機械翻訳です。インドネシア語の原文が正式なものです。
translation-off = 翻訳はオフです：翻訳サービスが設定されていません。
untranslated = インドネシア語の原文（未翻訳）。
