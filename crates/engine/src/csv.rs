//! A small RFC 4180 CSV reader (quoted fields, doubled quotes, embedded newlines), for CSV
//! inputs such as scraped-article exports. Pure: parses a string.

/// Parse CSV text into rows of fields. CR before LF is dropped; a final row without a line
/// break is kept.
pub fn parse(s: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !row.is_empty() || !field.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_commas_and_newlines() {
        let rows = super::parse("a,b\r\n\"x, \"\"y\"\"\",\"baris\nkedua\"\nakhir,");
        assert_eq!(rows, vec![vec!["a", "b"], vec!["x, \"y\"", "baris\nkedua"], vec!["akhir", ""]]);
    }
}
