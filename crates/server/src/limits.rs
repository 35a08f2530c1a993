//! Bounds on what a request may ask for, and the checks that turn a malformed request into a
//! clear 400 before it reaches the store.

use crate::error::ApiError;
use axum::http::StatusCode;

/// Largest request body (a posted article), in bytes.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Longest search query, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most terms (words, phrases, operators) in a search query.
pub const MAX_QUERY_TERMS: usize = 32;
/// Deepest nesting of parentheses in a search query.
pub const MAX_QUERY_DEPTH: usize = 4;
/// Largest `limit` of a search.
pub const MAX_LIMIT: usize = 100;
/// Largest `limit` of the story list (page through the rest with `offset`).
pub const MAX_STORIES_LIMIT: usize = 200;
/// Deepest a search pages: `offset + limit` at most this (narrow the query or the filters to
/// reach further; facets and `total` still count every match).
pub const MAX_SEARCH_WINDOW: usize = 1000;
/// Longest filter value (outlet, entity) and source name, in characters.
pub const MAX_FILTER_CHARS: usize = 200;
/// Longest value of any query-string parameter, in characters.
pub const MAX_PARAM_CHARS: usize = 1000;
/// Facets are counted over at most this many of the best matches.
pub const FACET_SCOPE: usize = 1000;

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, msg)
}

/// Check a search query's size and shape: length, quotes closed, parentheses balanced and not
/// too deep, not too many terms. Returns the query trimmed.
pub fn check_query(q: &str) -> Result<&str, ApiError> {
    let q = q.trim();
    let chars = q.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(bad(format!("query too long: {chars} characters (at most {MAX_QUERY_CHARS})")));
    }
    if q.chars().any(char::is_control) {
        return Err(bad("query holds control characters"));
    }
    let mut in_quote = false;
    let mut depth = 0usize;
    let mut terms = 0usize;
    let mut in_term = false;
    for ch in q.chars() {
        match ch {
            '"' => {
                if !in_quote {
                    terms += 1;
                }
                in_quote = !in_quote;
                in_term = false;
            }
            _ if in_quote => {}
            '(' => {
                depth += 1;
                if depth > MAX_QUERY_DEPTH {
                    return Err(bad(format!("query nests parentheses deeper than {MAX_QUERY_DEPTH}")));
                }
                in_term = false;
            }
            ')' => {
                if depth == 0 {
                    return Err(bad("query closes a parenthesis it never opened"));
                }
                depth -= 1;
                in_term = false;
            }
            c if c.is_whitespace() => in_term = false,
            _ => {
                if !in_term {
                    terms += 1;
                }
                in_term = true;
            }
        }
    }
    if in_quote {
        return Err(bad("query has an unclosed quote (\")"));
    }
    if depth > 0 {
        return Err(bad("query has an unclosed parenthesis"));
    }
    if terms > MAX_QUERY_TERMS {
        return Err(bad(format!("query has {terms} terms (at most {MAX_QUERY_TERMS})")));
    }
    Ok(q)
}

/// A `YYYY-MM-DD` day parameter.
pub fn parse_day(name: &str, v: &str) -> Result<jiff::civil::Date, ApiError> {
    let ok_shape = v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !ok_shape {
        return Err(bad(format!("{name}: not a date in YYYY-MM-DD form: {v:?}")));
    }
    v.parse::<jiff::civil::Date>().map_err(|e| bad(format!("{name}: not a valid date: {v:?} ({e})")))
}

/// A count parameter in `1..=max`.
pub fn parse_count(name: &str, v: &str, max: usize) -> Result<usize, ApiError> {
    match v.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(bad(format!("{name}: expected a whole number from 1 to {max}, got {v:?}"))),
    }
}

/// An offset parameter (`0..`).
pub fn parse_offset(v: &str) -> Result<usize, ApiError> {
    v.parse::<usize>().map_err(|_| bad(format!("offset: expected a whole number from 0, got {v:?}")))
}

/// A search page within [`MAX_SEARCH_WINDOW`].
pub fn check_window(offset: usize, limit: usize) -> Result<(), ApiError> {
    if offset.saturating_add(limit) > MAX_SEARCH_WINDOW {
        return Err(bad(format!(
            "offset + limit is {} (at most {MAX_SEARCH_WINDOW}): narrow the query or its filters to reach further",
            offset.saturating_add(limit)
        )));
    }
    Ok(())
}

/// The offset of the page after `offset..offset + shown` of `total`, if there is one.
pub fn next_offset(offset: usize, shown: usize, total: usize) -> Option<usize> {
    let next = offset + shown;
    (shown > 0 && next < total).then_some(next)
}

/// A filter value: not empty, not too long, no control characters.
pub fn check_filter<'a>(name: &str, v: &'a str) -> Result<&'a str, ApiError> {
    let v = v.trim();
    if v.is_empty() {
        return Err(bad(format!("{name}: empty")));
    }
    if v.chars().count() > MAX_FILTER_CHARS {
        return Err(bad(format!("{name}: longer than {MAX_FILTER_CHARS} characters")));
    }
    if v.chars().any(char::is_control) {
        return Err(bad(format!("{name}: holds control characters")));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_checked() {
        assert!(check_query("banjir semarang").is_ok());
        assert!(check_query("\"banjir rob\" -jakarta title:pelabuhan").is_ok());
        assert!(check_query("(a OR (b AND c))").is_ok());
        for bad in ["\"unclosed", "(a OR b", "a)", "((((( a )))))", "a\u{0}b"] {
            assert!(check_query(bad).is_err(), "{bad:?} accepted");
        }
        let many = vec!["kata"; MAX_QUERY_TERMS + 1].join(" ");
        assert!(check_query(&many).is_err());
        assert!(check_query(&vec!["kata"; MAX_QUERY_TERMS].join(" ")).is_ok());
        assert!(check_query(&"a".repeat(MAX_QUERY_CHARS + 1)).is_err());
    }

    #[test]
    fn parameters_are_checked() {
        assert!(parse_day("from", "2023-09-13").is_ok());
        for bad in ["2023-13-01", "2023-02-30", "13/09/2023", "2023-9-1", ""] {
            assert!(parse_day("from", bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(parse_count("limit", "100", MAX_LIMIT).ok(), Some(100));
        for bad in ["0", "101", "-1", "ten", ""] {
            assert!(parse_count("limit", bad, MAX_LIMIT).is_err(), "{bad:?} accepted");
        }
        assert!(check_filter("outlet", "  ").is_err());
        assert!(check_window(980, 20).is_ok());
        assert!(check_window(990, 20).is_err());
        assert_eq!(next_offset(0, 20, 45), Some(20));
        assert_eq!(next_offset(40, 5, 45), None);
        assert_eq!(next_offset(0, 0, 45), None);
        assert_eq!(check_filter("outlet", " Kompas.com ").ok(), Some("Kompas.com"));
    }
}
