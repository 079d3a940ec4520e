//! CSV for French spreadsheets (the back-office's exports): `;` between cells, CRLF line
//! ends, a cell quoted only when it must be, and never a formula.

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

#[cfg(test)]
mod tests {
    use super::*;

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
