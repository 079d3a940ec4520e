//! The Typst world of a rendering (checklist line 29): the templates compiled into the
//! binary and the fonts embedded in it, nothing else. No file of the disk, no package, no
//! system font can be reached; the data arrives as `sys.inputs`, never as markup.

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// The templates, by file name (`server/templates/`).
const TEMPLATES: [(&str, &str); 7] = [
    ("layout.typ", include_str!("../../templates/layout.typ")),
    (
        "confirmation.typ",
        include_str!("../../templates/confirmation.typ"),
    ),
    (
        "recapitulatif.typ",
        include_str!("../../templates/recapitulatif.typ"),
    ),
    (
        "demande_pieces.typ",
        include_str!("../../templates/demande_pieces.typ"),
    ),
    (
        "relance_pieces.typ",
        include_str!("../../templates/relance_pieces.typ"),
    ),
    (
        "convocation.typ",
        include_str!("../../templates/convocation.typ"),
    ),
    (
        "impression.typ",
        include_str!("../../templates/impression.typ"),
    ),
];

/// The fonts embedded in the binary (Libertinus Serif, New Computer Modern, DejaVu Sans
/// Mono), loaded once per process.
static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut store = FontStore::new();
    store.extend(typst_kit::fonts::embedded());
    store
});

/// The templates as sources, parsed once; a file id per template (ids are interned for
/// the life of the process, so they are made once, never per request).
static SOURCES: LazyLock<Vec<(String, Source)>> = LazyLock::new(|| {
    TEMPLATES
        .iter()
        .filter_map(|(name, text)| {
            let path = VirtualPath::new(format!("/{name}")).ok()?;
            let id = RootedPath::new(VirtualRoot::Project, path).intern();
            Some(((*name).to_owned(), Source::new(id, (*text).to_owned())))
        })
        .collect()
});

/// Loads the fonts and parses the templates now rather than at the first rendering.
pub fn warm_up() {
    LazyLock::force(&FONTS);
    LazyLock::force(&SOURCES);
}

/// One rendering: a template, its inputs and the date `datetime.today()` gives.
pub struct DocumentWorld {
    library: LazyHash<Library>,
    main: Source,
    today: Datetime,
}

impl DocumentWorld {
    /// The world of template `name` (e.g. "recapitulatif.typ") with `inputs` as
    /// `sys.inputs`; `None` for a template that does not exist.
    pub fn new(name: &str, inputs: Dict, today: Datetime) -> Option<Self> {
        let main = SOURCES.iter().find(|(n, _)| n == name)?.1.clone();
        Some(Self {
            library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
            main,
            today,
        })
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        FONTS.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        SOURCES
            .iter()
            .find(|(_, s)| s.id() == id)
            .map(|(_, s)| s.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        // Templates read no file: images arrive as bytes in the inputs.
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
