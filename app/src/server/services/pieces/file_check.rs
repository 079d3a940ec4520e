//! What a deposited file is (REQUIREMENTS J2; security checklist lines 25-28): its name's
//! extension is on the allow-list ("PDF, PNG, JPG, DOC, DOCX, ZIP") and agrees with its first
//! bytes, whatever the browser said; a PDF protected by a password is refused (staff could
//! not open it); a ZIP or a DOCX is opened and checked before anyone else does: the number
//! of entries, what they unpack to (read through a bounded reader, never trusting the sizes
//! the archive declares), the compression ratio, names that climb out (`../`) or start at a
//! root, links, encryption. Each refusal is a French sentence naming the problem.

use std::io::{Read, Seek, SeekFrom};

/// The largest file deposited (the guide: "ne doit pas excéder 5 Mo").
pub const MAX_BYTES: u64 = crate::model::pieces::MAX_FILE_BYTES;

/// Most entries an archive may hold.
pub const MAX_ENTRIES: usize = 1000;

/// Most bytes an archive may unpack to.
pub const MAX_UNPACKED: u64 = 50 * 1024 * 1024;

/// Most an archive may unpack to per byte it takes (beyond, a "zip bomb").
pub const MAX_RATIO: u64 = 100;

/// The formats accepted, as the guide lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Png,
    Jpeg,
    Doc,
    Docx,
    Zip,
}

impl Format {
    /// The format a file's name announces (its extension, in any case).
    pub fn of_name(name: &str) -> Option<Self> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match extension.as_str() {
            "pdf" => Self::Pdf,
            "png" => Self::Png,
            "jpg" | "jpeg" => Self::Jpeg,
            "doc" => Self::Doc,
            "docx" => Self::Docx,
            "zip" => Self::Zip,
            _ => return None,
        })
    }

    /// "PDF", "PNG", "JPG", "DOC", "DOCX", "ZIP".
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Png => "PNG",
            Self::Jpeg => "JPG",
            Self::Doc => "DOC",
            Self::Docx => "DOCX",
            Self::Zip => "ZIP",
        }
    }

    /// The extension a file of this format is served with, as stored (`pdf`, `jpg`…).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Doc => "doc",
            Self::Docx => "docx",
            Self::Zip => "zip",
        }
    }

    /// The format stored as `extension`.
    pub fn of_extension(extension: &str) -> Option<Self> {
        Self::of_name(&format!("f.{extension}"))
    }

    /// Whether a browser shows it inside a page (PDF and images), rather than saving it.
    pub fn viewable(self) -> bool {
        matches!(self, Self::Pdf | Self::Png | Self::Jpeg)
    }

    /// The type a download is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Doc => "application/msword",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Zip => "application/zip",
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Pdf,
    Png,
    Jpeg,
    /// A compound file (Word 97-2003 documents among others).
    Compound,
    /// A ZIP archive (DOCX files are ZIP archives too).
    Zip,
    /// A Windows or Linux program.
    Program,
}

impl Content {
    fn of(head: &[u8]) -> Option<Self> {
        let starts = |magic: &[u8]| head.starts_with(magic);
        if starts(b"%PDF-") {
            Some(Self::Pdf)
        } else if starts(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if starts(b"\xFF\xD8\xFF") {
            Some(Self::Jpeg)
        } else if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            Some(Self::Compound)
        } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
            Some(Self::Zip)
        } else if starts(b"MZ") || starts(b"\x7FELF") {
            Some(Self::Program)
        } else {
            None
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Png => "PNG",
            Self::Jpeg => "JPG",
            Self::Compound => "DOC",
            Self::Zip => "ZIP",
            Self::Program => "programme",
        }
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge,
    Extension,
    Program,
    /// The name says one format, the content another (or none of ours).
    Mismatch {
        announced: Format,
        found: Option<&'static str>,
    },
    EncryptedPdf,
    ArchiveUnreadable,
    ArchiveTooManyEntries,
    ArchiveTooLarge,
    ArchivePath(String),
    ArchiveLink(String),
    ArchiveEncrypted,
    NotWord,
}

impl Refusal {
    /// The sentence the depositor reads, about the file named `name`.
    pub fn message_fr(&self, name: &str) -> String {
        match self {
            Self::Empty => format!("Le fichier « {name} » est vide."),
            Self::TooLarge => crate::model::pieces::too_large_fr(name),
            Self::Extension => crate::model::pieces::format_refused_fr(name),
            Self::Program => format!(
                "Le fichier « {name} » est un programme, pas un document : il ne peut pas être déposé."
            ),
            Self::Mismatch {
                announced,
                found: Some(found),
            } => format!(
                "Le fichier « {name} » n'est pas un {} : son contenu est celui d'un fichier {found}. Renommez-le avec la bonne extension ou déposez le bon fichier.",
                announced.label()
            ),
            Self::Mismatch {
                announced,
                found: None,
            } => format!(
                "Le contenu du fichier « {name} » n'est pas celui d'un {} : il ne peut pas être déposé.",
                announced.label()
            ),
            Self::EncryptedPdf => format!(
                "Le PDF « {name} » est protégé par un mot de passe : le service ne pourrait pas l'ouvrir. Déposez-le sans protection."
            ),
            Self::ArchiveUnreadable => {
                format!("L'archive « {name} » est illisible : elle ne peut pas être déposée.")
            }
            Self::ArchiveTooManyEntries => format!(
                "L'archive « {name} » contient plus de {MAX_ENTRIES} fichiers : elle ne peut pas être déposée."
            ),
            Self::ArchiveTooLarge => format!(
                "L'archive « {name} » se décompresse en plus de 50 Mo : elle ne peut pas être déposée."
            ),
            Self::ArchivePath(entry) => format!(
                "L'archive « {name} » contient un chemin interdit (« {entry} ») : elle ne peut pas être déposée."
            ),
            Self::ArchiveLink(entry) => format!(
                "L'archive « {name} » contient un lien (« {entry} ») : elle ne peut pas être déposée."
            ),
            Self::ArchiveEncrypted => format!(
                "L'archive « {name} » est protégée par un mot de passe : le service ne pourrait pas l'ouvrir. Déposez-la sans protection."
            ),
            Self::NotWord => format!(
                "Le fichier « {name} » n'est pas un document Word (DOCX) : il ne peut pas être déposé."
            ),
        }
    }
}

/// Checks the file named `name` whose bytes `file` reads (a temporary file, at most
/// [`MAX_BYTES`] long): its format, or why it is refused.
pub fn check<F: Read + Seek>(name: &str, file: &mut F) -> Result<Format, Refusal> {
    let size = file
        .seek(SeekFrom::End(0))
        .map_err(|_| Refusal::ArchiveUnreadable)?;
    if size == 0 {
        return Err(Refusal::Empty);
    }
    if size > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    let announced = Format::of_name(name).ok_or(Refusal::Extension)?;
    file.seek(SeekFrom::Start(0))
        .map_err(|_| Refusal::ArchiveUnreadable)?;
    let mut head = [0u8; 8];
    let read = read_up_to(file, &mut head).map_err(|_| Refusal::ArchiveUnreadable)?;
    let content = Content::of(&head[..read]);
    if content == Some(Content::Program) {
        return Err(Refusal::Program);
    }
    let agrees = matches!(
        (announced, content),
        (Format::Pdf, Some(Content::Pdf))
            | (Format::Png, Some(Content::Png))
            | (Format::Jpeg, Some(Content::Jpeg))
            | (Format::Doc, Some(Content::Compound))
            | (Format::Docx | Format::Zip, Some(Content::Zip))
    );
    if !agrees {
        return Err(Refusal::Mismatch {
            announced,
            found: content.map(Content::label),
        });
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|_| Refusal::ArchiveUnreadable)?;
    match announced {
        Format::Pdf => {
            if pdf_is_encrypted(file).map_err(|_| Refusal::ArchiveUnreadable)? {
                return Err(Refusal::EncryptedPdf);
            }
        }
        Format::Zip => {
            archive(file, size)?;
        }
        Format::Docx => {
            let names = archive(file, size)?;
            let has = |n: &str| names.iter().any(|e| e == n);
            if !has("[Content_Types].xml") || !has("word/document.xml") {
                return Err(Refusal::NotWord);
            }
        }
        Format::Png | Format::Jpeg | Format::Doc => {}
    }
    Ok(announced)
}

fn read_up_to<R: Read>(r: &mut R, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Whether a PDF has an encryption dictionary (`/Encrypt` in its trailer), read in chunks
/// that overlap by the key's length.
fn pdf_is_encrypted<R: Read>(r: &mut R) -> std::io::Result<bool> {
    const KEY: &[u8] = b"/Encrypt";
    let mut buf = vec![0u8; 64 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            return Ok(false);
        }
        carry.extend_from_slice(&buf[..n]);
        if carry.windows(KEY.len()).any(|w| w == KEY) {
            return Ok(true);
        }
        let keep = carry.len().saturating_sub(KEY.len() - 1);
        carry.drain(..keep);
    }
}

/// Opens an archive of `size` bytes and checks every entry; returns the entries' names.
fn archive<F: Read + Seek>(file: &mut F, size: u64) -> Result<Vec<String>, Refusal> {
    // The entries the archive's end record announces: the `zip` crate keeps one entry per
    // name, so two entries of one name (the second hiding the first) would go unchecked.
    let announced = announced_entries(file, size)?;
    if announced > MAX_ENTRIES {
        return Err(Refusal::ArchiveTooManyEntries);
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|_| Refusal::ArchiveUnreadable)?;
    // Opening an archive searches its end record backwards: a file made of false end
    // records would have it read the file again and again. Never more than ten times it.
    let reader = Bounded {
        inner: file,
        left: size.saturating_mul(10),
    };
    let mut zip = zip::ZipArchive::new(reader).map_err(|_| Refusal::ArchiveUnreadable)?;
    if zip.len() != announced {
        return Err(Refusal::ArchiveUnreadable);
    }
    let budget = MAX_UNPACKED.min(size.saturating_mul(MAX_RATIO));
    let mut unpacked: u64 = 0;
    let mut compressed: u64 = 0;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|_| Refusal::ArchiveUnreadable)?;
        let name = entry.name().to_owned();
        let climbs = entry.enclosed_name().is_none()
            || name.starts_with('/')
            || name.starts_with('\\')
            || name.split(['/', '\\']).any(|part| part == "..")
            || name.as_bytes().get(1) == Some(&b':');
        if climbs {
            return Err(Refusal::ArchivePath(name));
        }
        if entry.is_symlink() {
            return Err(Refusal::ArchiveLink(name));
        }
        if entry.encrypted() {
            return Err(Refusal::ArchiveEncrypted);
        }
        // Entries that share their data would have it unpacked once each.
        compressed = compressed.saturating_add(entry.compressed_size());
        if compressed > size {
            return Err(Refusal::ArchiveUnreadable);
        }
        drop(entry);
        // What it really unpacks to, never more than what is left of the budget (+1 byte
        // to know the budget is passed).
        let entry = zip.by_index(i).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m) if m.contains("Password") => {
                Refusal::ArchiveEncrypted
            }
            _ => Refusal::ArchiveUnreadable,
        })?;
        let left = budget - unpacked;
        let mut bounded = entry.take(left + 1);
        let read = std::io::copy(&mut bounded, &mut std::io::sink())
            .map_err(|_| Refusal::ArchiveUnreadable)?;
        unpacked += read;
        if unpacked > budget {
            return Err(Refusal::ArchiveTooLarge);
        }
        names.push(name);
    }
    Ok(names)
}

/// The number of entries the last end record of the archive (in its last 64 KiB and 22
/// bytes) announces.
fn announced_entries<F: Read + Seek>(file: &mut F, size: u64) -> Result<usize, Refusal> {
    let tail = size.min(65_535 + 22);
    file.seek(SeekFrom::Start(size - tail))
        .map_err(|_| Refusal::ArchiveUnreadable)?;
    let mut buf = vec![0u8; usize::try_from(tail).unwrap_or(0)];
    file.read_exact(&mut buf)
        .map_err(|_| Refusal::ArchiveUnreadable)?;
    let at = buf
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .ok_or(Refusal::ArchiveUnreadable)?;
    let total = buf
        .get(at + 10..at + 12)
        .ok_or(Refusal::ArchiveUnreadable)?;
    Ok(usize::from(u16::from_le_bytes([total[0], total[1]])))
}

/// A reader that fails once it has read `left` bytes.
struct Bounded<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::other("read too much of the file"));
        }
        let cap = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..cap])?;
        self.left -= n as u64;
        Ok(n)
    }
}

impl<R: Seek> Seek for Bounded<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    fn checked(name: &str, bytes: &[u8]) -> Result<Format, Refusal> {
        check(name, &mut Cursor::new(bytes.to_vec()))
    }

    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(method);
        for (name, data) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    const PDF: &[u8] =
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn the_name_and_the_content_must_agree() {
        assert_eq!(checked("releve.PDF", PDF), Ok(Format::Pdf));
        assert_eq!(
            checked("photo.jpeg", b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Ok(Format::Jpeg)
        );
        assert_eq!(checked("scan.png", PNG), Ok(Format::Png));
        assert_eq!(
            checked("lettre.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
            Ok(Format::Doc)
        );
        // A PNG named .pdf: refused, naming what it is.
        let png_as_pdf = checked("diplome.pdf", PNG).unwrap_err();
        assert_eq!(
            png_as_pdf,
            Refusal::Mismatch {
                announced: Format::Pdf,
                found: Some("PNG")
            }
        );
        assert!(
            png_as_pdf
                .message_fr("diplome.pdf")
                .contains("n'est pas un PDF : son contenu est celui d'un fichier PNG")
        );
        // A program renamed .pdf: refused as a program.
        assert_eq!(
            checked("facture.pdf", b"MZ\x90\0\x03\0\0\0"),
            Err(Refusal::Program)
        );
        assert_eq!(
            checked("outil.pdf", b"\x7FELF\x02\x01\x01\0"),
            Err(Refusal::Program)
        );
        // Text named .pdf, and names outside the list.
        assert_eq!(
            checked("note.pdf", b"bonjour"),
            Err(Refusal::Mismatch {
                announced: Format::Pdf,
                found: None
            })
        );
        for name in ["setup.exe", "page.html", "sans-extension", "image.svg"] {
            assert_eq!(checked(name, PDF), Err(Refusal::Extension), "{name}");
        }
        assert_eq!(checked("vide.pdf", b""), Err(Refusal::Empty));
    }

    #[test]
    fn a_file_over_five_megabytes_is_refused() {
        let mut big = PDF.to_vec();
        big.resize(usize::try_from(MAX_BYTES).unwrap() + 1, b' ');
        assert_eq!(checked("gros.pdf", &big), Err(Refusal::TooLarge));
        big.truncate(usize::try_from(MAX_BYTES).unwrap());
        assert_eq!(checked("juste.pdf", &big), Ok(Format::Pdf));
    }

    #[test]
    fn a_pdf_protected_by_a_password_is_refused() {
        let mut locked = PDF.to_vec();
        // The key across the boundary of two reads is found too.
        locked.splice(10..10, vec![b' '; 64 * 1024 - 14]);
        locked.extend_from_slice(b"trailer << /Root 1 0 R /Encrypt 5 0 R >>\n");
        assert_eq!(checked("protege.pdf", &locked), Err(Refusal::EncryptedPdf));
        assert!(
            Refusal::EncryptedPdf
                .message_fr("protege.pdf")
                .contains("protégé par un mot de passe")
        );
    }

    #[test]
    fn archives_are_opened_and_checked() {
        let ok = zip_of(
            &[("a.txt", b"bonjour"), ("dossier/b.pdf", PDF)],
            zip::CompressionMethod::Deflated,
        );
        assert_eq!(checked("pieces.zip", &ok), Ok(Format::Zip));
        // A name that climbs out, or starts at a root.
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "dossier/../../x",
            "C:/Windows/x",
        ] {
            let z = zip_of(&[(bad, b"x")], zip::CompressionMethod::Stored);
            assert!(
                matches!(checked("pieces.zip", &z), Err(Refusal::ArchivePath(_))),
                "{bad}"
            );
        }
        // Too many entries.
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("f{i}.txt")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        assert_eq!(
            checked(
                "beaucoup.zip",
                &zip_of(&entries, zip::CompressionMethod::Stored)
            ),
            Err(Refusal::ArchiveTooManyEntries)
        );
        // A link.
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .add_symlink("lien", "/etc/passwd", SimpleFileOptions::default())
            .unwrap();
        let link = writer.finish().unwrap().into_inner();
        assert_eq!(
            checked("lien.zip", &link),
            Err(Refusal::ArchiveLink("lien".into()))
        );
        // Not an archive past its first bytes.
        assert_eq!(
            checked("casse.zip", b"PK\x03\x04 pas une archive"),
            Err(Refusal::ArchiveUnreadable)
        );
    }

    #[test]
    fn an_archive_that_unpacks_beyond_its_budget_is_a_bomb() {
        // 60 MiB of zeros deflate to about 60 KB: under 5 MB, far over 50 MB unpacked.
        let zeros = vec![0u8; 60 * 1024 * 1024];
        let bomb = zip_of(&[("zeros.bin", &zeros)], zip::CompressionMethod::Deflated);
        assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
        assert_eq!(checked("bombe.zip", &bomb), Err(Refusal::ArchiveTooLarge));
        // Under 50 MB, but a hundred times its own size: refused too.
        let ratio = zip_of(
            &[("zeros.bin", &zeros[..2 * 1024 * 1024])],
            zip::CompressionMethod::Deflated,
        );
        assert_eq!(checked("ratio.zip", &ratio), Err(Refusal::ArchiveTooLarge));
    }

    #[test]
    fn an_entry_hidden_behind_another_of_the_same_name_is_refused() {
        let zeros = vec![0u8; 60 * 1024 * 1024];
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("a.txt", options).unwrap();
        writer.write_all(&zeros).unwrap();
        writer.start_file("b.txt", options).unwrap();
        writer.write_all(b"rien").unwrap();
        let mut z = writer.finish().unwrap().into_inner();
        // The second entry renamed "a.txt" in the central directory: it hides the bomb.
        let central = z.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        z[central + 46] = b'a';
        assert_eq!(checked("double.zip", &z), Err(Refusal::ArchiveUnreadable));
    }

    #[test]
    fn false_end_records_do_not_make_the_check_read_forever() {
        let mut z = b"PK\x03\x04".to_vec();
        while z.len() < 1024 * 1024 {
            z.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0\0\0\0\0\0\0\0\0\0\0");
        }
        assert_eq!(checked("faux.zip", &z), Err(Refusal::ArchiveUnreadable));
        // What bounds it: past its budget the reader fails.
        let mut bounded = Bounded {
            inner: Cursor::new(vec![0u8; 100]),
            left: 10,
        };
        let mut buf = [0u8; 64];
        assert_eq!(bounded.read(&mut buf).unwrap(), 10);
        assert!(bounded.read(&mut buf).is_err());
    }

    #[test]
    fn an_encrypted_archive_is_refused() {
        let mut z = zip_of(&[("secret.txt", b"abc")], zip::CompressionMethod::Stored);
        // The "encrypted" flag (bit 0 of the general purpose flags) in the local and the
        // central headers, as an archive made with a password has it.
        for (magic, offset) in [(&b"PK\x03\x04"[..], 6), (&b"PK\x01\x02"[..], 8)] {
            let at = z.windows(4).position(|w| w == magic).unwrap();
            z[at + offset] |= 1;
        }
        assert_eq!(checked("secret.zip", &z), Err(Refusal::ArchiveEncrypted));
    }

    #[test]
    fn a_docx_is_a_word_archive() {
        let docx = zip_of(
            &[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", b"<w:document/>"),
            ],
            zip::CompressionMethod::Deflated,
        );
        assert_eq!(checked("cv.docx", &docx), Ok(Format::Docx));
        let plain = zip_of(&[("a.txt", b"x")], zip::CompressionMethod::Deflated);
        assert_eq!(checked("cv.docx", &plain), Err(Refusal::NotWord));
        assert_eq!(
            checked("cv.docx", PDF),
            Err(Refusal::Mismatch {
                announced: Format::Docx,
                found: Some("PDF")
            })
        );
    }
}
