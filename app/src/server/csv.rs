//! CSV for French spreadsheets (the back-office's exports and the offers' import): `;`
//! between cells, CRLF line ends, a cell quoted only when it must be, and never a formula;
//! read back whatever a spreadsheet saved (UTF-8 or Windows-1252, `;` or `,`, quotes).

/// One cell: quoted when it holds `;`, a quote or a line break (quotes doubled), and
/// written as text when a spreadsheet would read it as a formula.
pub fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// One line of `cells`, with its line end.
pub fn line(cells: &[String]) -> String {
    let mut out = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(";");
    out.push_str("\r\n");
    out
}

/// A file's text: UTF-8 (its byte-order mark dropped), else the Western encoding a French
/// spreadsheet saves in (Latin-1 read byte for byte: the codes and dates read are ASCII).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

/// The lines of a CSV `text`, each with its number (1 for the first) and its cells: cells
/// are separated by `;` (or `,` when the first line has no `;`), a quoted cell may hold the
/// separator, doubled quotes and line breaks; a cell the export guarded with `'` is given
/// back as it was; blank lines are skipped.
pub fn read(text: &str) -> Vec<(usize, Vec<String>)> {
    let first = text.lines().next().unwrap_or("");
    let separator = if first.contains(';') || !first.contains(',') {
        ';'
    } else {
        ','
    };
    let mut out = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let (mut quoted, mut line, mut start) = (false, 1usize, 1usize);
    let mut chars = text.chars().peekable();
    let finish = |cells: &mut Vec<String>, cell: &mut String| {
        let raw = std::mem::take(cell);
        let guarded = raw
            .strip_prefix('\'')
            .filter(|r| r.starts_with(['=', '+', '-', '@']));
        cells.push(guarded.unwrap_or(&raw).trim().to_owned());
    };
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, '\n') => {
                line += 1;
                cell.push('\n');
            }
            (true, c) => cell.push(c),
            (false, '"') if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (false, c) if c == separator => finish(&mut cells, &mut cell),
            (false, '\r') => {}
            (false, '\n') => {
                finish(&mut cells, &mut cell);
                if cells.iter().any(|c| !c.is_empty()) {
                    out.push((start, std::mem::take(&mut cells)));
                }
                cells.clear();
                line += 1;
                start = line;
            }
            (false, c) => cell.push(c),
        }
    }
    finish(&mut cells, &mut cell);
    if cells.iter().any(|c| !c.is_empty()) {
        out.push((start, cells));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_export_writes_reads_back() {
        let cells = vec![
            "VERSAILLES".to_owned(),
            "Rue \"du\" port; bât. A".to_owned(),
            "=1+1".to_owned(),
            "ligne 1\nligne 2".to_owned(),
        ];
        let text = format!(
            "{}{}",
            line(&["a".into(), "b".into(), "c".into(), "d".into()]),
            line(&cells)
        );
        assert_eq!(
            read(&text),
            vec![
                (1, vec!["a".into(), "b".into(), "c".into(), "d".into()]),
                (2, cells)
            ]
        );
    }

    #[test]
    fn spreadsheets_files_read_whatever_their_separator_and_encoding() {
        assert_eq!(
            read("academie,session\n\nVERSAILLES , 2027\n"),
            vec![
                (1, vec!["academie".to_owned(), "session".to_owned()]),
                (3, vec!["VERSAILLES".to_owned(), "2027".to_owned()])
            ]
        );
        assert_eq!(decode(b"\xEF\xBB\xBFacad\xC3\xA9mie"), "académie");
        assert_eq!(decode(b"acad\xE9mie"), "académie", "Windows-1252");
    }

    #[test]
    fn cells_are_quoted_only_when_needed_and_never_formulas() {
        assert_eq!(cell("TALU"), "TALU");
        assert_eq!(
            cell("Rue \"du\" port; bât. A"),
            "\"Rue \"\"du\"\" port; bât. A\""
        );
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+33 1 23"), "'+33 1 23");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("a\nb"), "\"a\nb\"");
    }

    #[test]
    fn a_line_ends_with_crlf() {
        assert_eq!(line(&["a".into(), "b;c".into()]), "a;\"b;c\"\r\n");
    }
}
