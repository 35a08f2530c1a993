# 机器翻译文本的说明（warta_translate），为 warta 编写。
machine-translated = 本文由机器从印尼语翻译而来，以印尼语原文为准。
translation-off = 翻译功能未开启：尚未配置翻译服务。
untranslated = 印尼语原文，未经翻译。
