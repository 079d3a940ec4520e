//! A document's data to PDF with the `typst` crate, in process: synchronous CPU work (about
//! 10 ms warm in a release build) that callers run on the blocking pool.

use super::world::DocumentWorld;
use app::model::documents::DocumentKind;
use app::server::services::documents::DocumentData;
use std::sync::atomic::{AtomicUsize, Ordering};
use typst::foundations::{Array, Bytes, Datetime, Dict, IntoValue};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

/// Renders documents. The server uses [`Typst`]; tests may wrap it to inject failures.
pub trait Render: Send + Sync + 'static {
    fn render(&self, kind: DocumentKind, data: &DocumentData) -> Result<Vec<u8>, String>;
}

/// The Typst renderer.
#[derive(Debug, Default)]
pub struct Typst {
    renders: AtomicUsize,
}

/// Typst memoises work across compilations; left alone the cache grows by about 1 MB per
/// rendering. Evicting every so often keeps the process flat.
const EVICT_EVERY: usize = 64;

impl Typst {
    /// A renderer with the fonts loaded and the templates parsed.
    pub fn new() -> Self {
        super::world::warm_up();
        Self::default()
    }
}

/// One PDF of a printable batch, with its name (the page's alternative text).
pub struct Printed {
    pub name: String,
    pub pdf: Vec<u8>,
}

/// The pages of `pdf`: None when it does not read as a PDF.
pub fn page_count(pdf: &[u8]) -> Option<usize> {
    hayro_syntax::Pdf::new(pdf.to_vec())
        .ok()
        .map(|p| p.pages().len())
}

/// One PDF holding every page of `pdfs` in turn, at full size ("Lot à imprimer"): synchronous
/// CPU work for the blocking pool.
pub fn print(pdfs: Vec<Printed>) -> Result<Vec<u8>, String> {
    let mut files = Array::new();
    for p in pdfs {
        let pages = page_count(&p.pdf).ok_or_else(|| format!("{}: not a PDF", p.name))?;
        let mut file = Dict::new();
        file.insert("name".into(), p.name.into_value());
        file.insert(
            "pages".into(),
            i64::try_from(pages).unwrap_or(1).into_value(),
        );
        file.insert("pdf".into(), Bytes::new(p.pdf).into_value());
        files.push(file.into_value());
    }
    let mut inputs = Dict::new();
    inputs.insert("files".into(), files.into_value());
    let today = Datetime::from_ymd(1970, 1, 1).ok_or("no date")?;
    let world = DocumentWorld::new("impression.typ", inputs, today).ok_or("no template")?;
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| diagnostics("compile", &errors))?;
    let pdf = typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|errors| diagnostics("pdf", &errors))?;
    typst::comemo::evict(0);
    Ok(pdf)
}

/// The publication instant as Typst's date (`datetime.today()` in the templates).
fn publication(data: &DocumentData) -> Option<Datetime> {
    let mut date = data.published.date.split('/').map(str::parse::<u16>);
    let (Some(Ok(d)), Some(Ok(m)), Some(Ok(y))) = (date.next(), date.next(), date.next()) else {
        return None;
    };
    let mut time = data.published.time.split(':').map(str::parse::<u8>);
    let (Some(Ok(hh)), Some(Ok(mm))) = (time.next(), time.next()) else {
        return None;
    };
    Datetime::from_ymd_hms(
        i32::from(y),
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
        hh,
        mm,
        0,
    )
}

impl Render for Typst {
    fn render(&self, kind: DocumentKind, data: &DocumentData) -> Result<Vec<u8>, String> {
        let json = serde_json::to_string(data).map_err(|e| format!("data: {e}"))?;
        let qr = app::server::qr::svg(&data.verification.url)?;
        let mut inputs = Dict::new();
        inputs.insert("data".into(), json.into_value());
        inputs.insert("qr".into(), qr.into_value());
        // Only `datetime.today()` reads it: a date that does not read falls back to none in
        // particular rather than failing the document.
        let today = publication(data)
            .or_else(|| Datetime::from_ymd(1970, 1, 1))
            .ok_or("no date")?;
        let world = DocumentWorld::new(&format!("{}.typ", kind.as_str()), inputs, today)
            .ok_or_else(|| format!("no template for {}", kind.as_str()))?;
        let document: PagedDocument = typst::compile(&world)
            .output
            .map_err(|errors| diagnostics("compile", &errors))?;
        // Tagged (the default): title, language and reading order reach screen readers.
        let pdf = typst_pdf::pdf(&document, &PdfOptions::default())
            .map_err(|errors| diagnostics("pdf", &errors))?;
        if self.renders.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            typst::comemo::evict(0);
        }
        Ok(pdf)
    }
}

fn diagnostics(step: &str, errors: &[typst::diag::SourceDiagnostic]) -> String {
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    format!("typst {step}: {}", messages.join("; "))
}

#[cfg(test)]
mod tests {
    use super::super::sample::guide_example as full;
    use super::{Render, Typst};
    use app::model::documents::DocumentKind;
    use app::server::services::documents::DocumentData;

    /// The least a document can be made of: empty lists and no details.
    fn minimal(kind: DocumentKind) -> DocumentData {
        DocumentData {
            sections: Vec::new(),
            epreuves: Vec::new(),
            details: serde_json::json!({}),
            ..full(kind, "X")
        }
    }

    /// The PDF's text, every run of spaces and line breaks made one space.
    fn pdf_text(pdf: &[u8]) -> String {
        let text = super::super::pdf_text::pdf_text(pdf).expect("the PDF's text");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_template_compiles_with_full_and_with_minimal_data() {
        let typst = Typst::new();
        for kind in DocumentKind::ALL {
            for data in [full(kind, "TALU Jean"), minimal(kind)] {
                let pdf = typst
                    .render(kind, &data)
                    .unwrap_or_else(|e| panic!("{}: {e}", kind.as_str()));
                assert!(pdf.starts_with(b"%PDF-"), "{}", kind.as_str());
                let text = pdf_text(&pdf);
                assert!(text.contains(kind.label_fr()), "{}: {text}", kind.as_str());
                assert!(text.contains("0193801933"), "{text}");
                assert!(text.contains("7K3M-Q9XD-2HF4-WP8N"), "{text}");
            }
        }
    }

    #[test]
    fn a_convocation_states_when_where_how_long_and_the_instructions() {
        let kind = DocumentKind::Convocation;
        let text = pdf_text(
            &Typst::new()
                .render(kind, &full(kind, "TALU Jean"))
                .expect("a PDF"),
        );
        for expected in [
            "Convocation(s) aux épreuves",
            "010 - EXAMEN DU DOSSIER (Ecrit)",
            "12/11/2019",
            "09:00",
            "2 h 30",
            "Lycée Hoche",
            "78000 Versailles",
            "Calculatrice interdite.",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
    }

    #[test]
    fn the_pdf_states_the_numbers_version_dates_and_tests() {
        let pdf = Typst::new()
            .render(
                DocumentKind::Recapitulatif,
                &full(DocumentKind::Recapitulatif, "TALU Jean"),
            )
            .expect("a PDF");
        let text = pdf_text(&pdf);
        for expected in [
            "Récapitulatif d'inscription",
            "ACADÉMIE DE VERSAILLES",
            "TALU Jean",
            "N° inscription : 001",
            "Version n°2 du 18/09/2019 à 16:57",
            "20/09/2019 à 10:00",
            "010 - EXAMEN DU DOSSIER (Ecrit)",
            "version n°2 publiée le 18/09/2019 à 16:57",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
    }

    #[test]
    fn the_confirmation_says_by_when_it_must_be_returned() {
        let pdf = Typst::new()
            .render(
                DocumentKind::Confirmation,
                &full(DocumentKind::Confirmation, "TALU Jean"),
            )
            .expect("a PDF");
        let text = pdf_text(&pdf);
        assert!(
            text.contains("avant le 30/09/2019"),
            "the return date is stated: {text}"
        );
    }

    #[test]
    fn what_a_candidate_typed_prints_literally() {
        let typst = Typst::new();
        for name in [
            "#read(\"/etc/passwd\")",
            "]*_ #panic(\"x\") $x^2$ @ref <l> `raw`",
            "\\ // /* = - + 1. ~",
        ] {
            let pdf = typst
                .render(
                    DocumentKind::Recapitulatif,
                    &full(DocumentKind::Recapitulatif, name),
                )
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let text = pdf_text(&pdf);
            assert!(!text.contains("root:"), "a file was read: {text}");
            // pdftotext spaces glyphs its own way: compare without spaces.
            let squeezed: String = text.split_whitespace().collect();
            let wanted: String = name.split_whitespace().collect();
            assert!(squeezed.contains(&wanted), "{name:?} not literal in {text}");
        }
    }

    #[test]
    fn templates_reach_no_file() {
        // The world serves the templates only: a template reading a file fails.
        use super::super::world::DocumentWorld;
        use typst::World;
        let world = DocumentWorld::new(
            "recapitulatif.typ",
            typst::foundations::Dict::new(),
            typst::foundations::Datetime::from_ymd(2019, 9, 18).expect("a date"),
        )
        .expect("the template");
        let outside = typst::syntax::RootedPath::new(
            typst::syntax::VirtualRoot::Project,
            typst::syntax::VirtualPath::new("/etc/passwd").expect("a path"),
        )
        .intern();
        assert!(world.file(outside).is_err());
        assert!(world.source(outside).is_err());
    }
}
