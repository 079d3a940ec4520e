//! `wasm-split <frontend.wasm> <pkg dir> <main out.wasm> <name>`: cuts the client bundle
//! built by cargo at each lazy route (`#[lazy_route]`, `#[lazy]`) into the main module
//! (written to `<main out.wasm>`, for wasm-bindgen), one `split_*.wasm` per lazy function
//! and `chunk_*.wasm` for code several of them share, in `<pkg dir>` beside the loader
//! script. `__wasm_split_manifest.json` tells the server which files a page needs, so it
//! asks the browser to preload them (Leptos' `HydrationScripts` reads it).

use std::path::Path;
use std::process::ExitCode;

/// The loader's name: the one Leptos' `HydrationScripts` preloads.
const LOADER: &str = "./__wasm_split.______________________.js";
const MANIFEST: &str = "__wasm_split_manifest.json";

fn split(input: &Path, pkg: &Path, main_out: &Path, name: &str) -> Result<usize, String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let main_module = format!("./{name}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = pkg;
    options.main_out_path = main_out;
    options.main_module = &main_module;
    options.link_name = LOADER;
    let result = wasm_split_cli_support::transform(options).map_err(|e| format!("{e:#}"))?;
    let manifest = serde_json::to_string_pretty(&result.prefetch_map).map_err(|e| e.to_string())?;
    std::fs::write(pkg.join(MANIFEST), manifest).map_err(|e| format!("{MANIFEST}: {e}"))?;
    Ok(result.split_modules.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, pkg, main_out, name] = args.as_slice() else {
        eprintln!("usage: wasm-split <frontend.wasm> <pkg dir> <main out.wasm> <name>");
        return ExitCode::from(2);
    };
    match split(Path::new(input), Path::new(pkg), Path::new(main_out), name) {
        Ok(n) => {
            eprintln!("wasm-split: {n} split modules in {pkg}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("wasm-split: {e}");
            ExitCode::FAILURE
        }
    }
}
