//! `warta translate`: machine translation of article titles and bodies through a configured
//! backend (`warta_translate`), and the backend flags `warta search --translate` shares.

use crate::inputs;
use anyhow::Result;
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warta_render::Lang;
use warta_translate::{Cache, Config, Settings, TranslationOff, Translator};

/// Where the translation backend is. Each flag falls back to its environment variable.
#[derive(ClapArgs, Clone, Default)]
pub struct BackendArgs {
    /// Translation backend URL (else $WARTA_TRANSLATE_URL): an OpenAI-compatible server (with or
    /// without /v1) or a LibreTranslate server. Without one, translation is off.
    #[arg(long, value_name = "URL")]
    pub translate_url: Option<String>,
    /// API key (else $WARTA_TRANSLATE_KEY): a bearer token for openai, `api_key` for
    /// libretranslate.
    #[arg(long, value_name = "KEY")]
    pub translate_key: Option<String>,
    /// openai | libretranslate (else $WARTA_TRANSLATE_KIND; may be left out when the URL ends
    /// in /v1, /chat/completions or /translate).
    #[arg(long, value_name = "KIND")]
    pub translate_kind: Option<String>,
    /// Model name for openai (else $WARTA_TRANSLATE_MODEL).
    #[arg(long, value_name = "MODEL")]
    pub translate_model: Option<String>,
    /// LibreTranslate's code for Simplified Chinese: zh (default, self-hosted) or zh-Hans
    /// (else $WARTA_TRANSLATE_ZH_CODE).
    #[arg(long, value_name = "CODE")]
    pub translate_zh_code: Option<String>,
    /// Seconds to wait for one request (default 120; else $WARTA_TRANSLATE_TIMEOUT).
    #[arg(long, value_name = "SECS")]
    pub translate_timeout: Option<u64>,
}

impl BackendArgs {
    /// The configuration from flags, then the environment; the cache in `data`/translations.
    /// Ok(None): translation is off.
    pub fn config(&self, data: &Path) -> Result<Option<Config>, String> {
        let flags = Settings {
            url: self.translate_url.clone(),
            key: self.translate_key.clone(),
            kind: self.translate_kind.clone(),
            model: self.translate_model.clone(),
            zh_code: self.translate_zh_code.clone(),
            timeout_secs: self.translate_timeout,
        };
        flags.or(Settings::from_env()).config(Some(Cache::in_data_dir(data).dir().to_path_buf()))
    }
}

#[derive(ClapArgs)]
pub struct Args {
    /// Target language: en, zh, ja, ar or fr.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub lang: Lang,
    /// The data directory holding the translation cache (default: $WARTA_DATA, else
    /// ./warta-data); translations are kept in DIR/translations.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Pretty-print each object (not JSON Lines).
    #[arg(long)]
    pub pretty: bool,
    #[command(flatten)]
    pub backend: BackendArgs,
    /// Files or folders (*.txt, HTML pages), as `warta analyze` reads them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// The translator the flags and environment configure, or a usage message (exit 2).
pub fn translator(backend: &BackendArgs, data: &Path) -> Result<Translator, String> {
    match backend.config(data)? {
        Some(c) => Ok(Translator::from_config(&c)),
        None => Err(TranslationOff.to_string()),
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.lang == Lang::Id {
        eprintln!("warta: the articles are in Indonesian already: choose --lang en, zh, ja, ar or fr");
        return Ok(ExitCode::from(2));
    }
    let data = args.data.clone().unwrap_or_else(warta_store::default_dir);
    let t = match translator(&args.backend, &data) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("warta: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let opts = warta_engine::Options::default();
    let html_opts = crate::inputs::html_options();
    let mut out = crate::batch::JsonLines::stdout(args.pretty);
    for item in inputs::expand(&args.files) {
        let (a, decoded) =
            match item.and_then(|input| inputs::analyze_item(inputs::Item::File(input), &html_opts, &opts)) {
                Ok(r) => r,
                Err(e) => {
                    out.fail(e)?;
                    continue;
                }
            };
        match t.translate_article(&a, &decoded.text, args.lang) {
            Ok(tr) => {
                for w in &tr.warnings {
                    out.note(format_args!("{}: warning: {}", a.source, w.message))?;
                }
                out.write(&tr)?;
            }
            Err(e) => out.fail(e)?,
        }
    }
    out.finish()
}
