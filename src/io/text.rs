//! Line and token positions for readers, so that every parse error names
//! the line and column it is about.

use crate::error::ParseError;
use std::str::FromStr;

/// A whitespace-separated token and where it starts (1-based).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'a> {
    pub text: &'a str,
    pub line: usize,
    pub column: usize,
}

impl<'a> Token<'a> {
    /// An error at this token.
    pub fn error(&self, expected: impl Into<String>) -> ParseError {
        ParseError {
            line: self.line,
            column: self.column,
            expected: expected.into(),
            found: format!("'{}'", self.text),
        }
    }

    /// The token parsed as a number of type `T`.
    pub fn parse<T: FromStr>(&self, expected: &str) -> Result<T, ParseError> {
        self.text.parse().map_err(|_| self.error(expected))
    }

    /// The token as a finite floating-point number.
    pub fn finite(&self, expected: &str) -> Result<f64, ParseError> {
        match self.text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(self.error(expected)),
        }
    }
}

/// One line of input with its 1-based number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    pub number: usize,
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// The whitespace-separated tokens of the line.
    pub fn tokens(&self) -> Vec<Token<'a>> {
        let mut tokens = Vec::new();
        let mut start = None;
        let mut column = 0;
        let mut start_column = 0;
        for (offset, ch) in self.text.char_indices() {
            column += 1;
            match (ch.is_whitespace(), start) {
                (false, None) => {
                    start = Some(offset);
                    start_column = column;
                }
                (true, Some(s)) => {
                    tokens.push(self.token(&self.text[s..offset], start_column));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push(self.token(&self.text[s..], start_column));
        }
        tokens
    }

    fn token(&self, text: &'a str, column: usize) -> Token<'a> {
        Token {
            text,
            line: self.number,
            column,
        }
    }

    /// True when the line holds only whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// An error about the line as a whole (column 1).
    pub fn error(&self, expected: impl Into<String>) -> ParseError {
        ParseError {
            line: self.number,
            column: 1,
            expected: expected.into(),
            found: format!("'{}'", self.text.trim()),
        }
    }
}

/// A cursor over the lines of a text.
pub(crate) struct Lines<'a> {
    lines: Vec<Line<'a>>,
    next: usize,
}

impl<'a> Lines<'a> {
    /// The lines of `text`: a leading byte-order mark is dropped, and
    /// lines may end in `\n`, `\r\n`, or (old Mac files) a lone `\r`.
    pub fn new(text: &'a str) -> Lines<'a> {
        let text = strip_bom(text);
        let split: Box<dyn Iterator<Item = &'a str>> = if text.contains('\n') {
            Box::new(text.lines())
        } else {
            Box::new(text.split_terminator('\r'))
        };
        let lines = split
            .enumerate()
            .map(|(i, text)| Line {
                number: i + 1,
                text,
            })
            .collect();
        Lines { lines, next: 0 }
    }

    /// The next line that is not blank, without consuming it.
    pub fn peek_nonblank(&mut self) -> Option<Line<'a>> {
        while self.next < self.lines.len() && self.lines[self.next].is_blank() {
            self.next += 1;
        }
        self.lines.get(self.next).copied()
    }

    /// The next line that is not blank.
    pub fn next_nonblank(&mut self) -> Option<Line<'a>> {
        let line = self.peek_nonblank();
        if line.is_some() {
            self.next += 1;
        }
        line
    }

    /// The next non-blank line, or an end-of-file error saying what was expected.
    pub fn expect_nonblank(&mut self, expected: &str) -> Result<Line<'a>, ParseError> {
        self.next_nonblank()
            .ok_or_else(|| self.end_of_file(expected))
    }

    /// The cursor's position, for [`nonblank_lines_between`](Self::nonblank_lines_between).
    pub fn position(&self) -> usize {
        self.next
    }

    /// The numbers of the non-blank lines between two positions.
    pub fn nonblank_lines_between(&self, from: usize, to: usize) -> Vec<usize> {
        self.lines[from.min(to)..to.min(self.lines.len())]
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| l.number)
            .collect()
    }

    /// An error for input that ended where `expected` should have come.
    pub fn end_of_file(&self, expected: &str) -> ParseError {
        ParseError {
            line: self.lines.len() + 1,
            column: 1,
            expected: expected.into(),
            found: "end of file".into(),
        }
    }
}

/// `text` without a leading UTF-8 byte-order mark.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The tokens of `line`, which must number exactly `count`.
pub(crate) fn exact_tokens<'a>(
    line: &Line<'a>,
    count: usize,
    expected: &str,
) -> Result<Vec<Token<'a>>, ParseError> {
    let tokens = line.tokens();
    if tokens.len() == count {
        Ok(tokens)
    } else if tokens.len() > count {
        Err(tokens[count].error(format!("end of line after {count} fields ({expected})")))
    } else {
        Err(ParseError {
            line: line.number,
            column: line.text.chars().count() + 1,
            expected: format!("{count} fields ({expected})"),
            found: format!("{} fields", tokens.len()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_columns() {
        let line = Line {
            number: 3,
            text: "  ab\tc  déf g",
        };
        let tokens = line.tokens();
        let found: Vec<_> = tokens.iter().map(|t| (t.text, t.column)).collect();
        assert_eq!(found, vec![("ab", 3), ("c", 6), ("déf", 9), ("g", 13)]);
        assert!(tokens.iter().all(|t| t.line == 3));
    }

    #[test]
    fn line_endings_and_byte_order_mark() {
        for text in ["\u{feff}a\nb c\n", "a\r\nb c\r\n", "a\rb c\r", "a\nb c"] {
            let mut lines = Lines::new(text);
            let first = lines.next_nonblank().unwrap();
            assert_eq!((first.number, first.text), (1, "a"), "{text:?}");
            let second = lines.next_nonblank().unwrap();
            assert_eq!(second.number, 2, "{text:?}");
            assert_eq!(second.tokens().len(), 2, "{text:?}");
            assert!(lines.next_nonblank().is_none(), "{text:?}");
        }
    }

    #[test]
    fn exact_tokens_reports_count() {
        let line = Line {
            number: 1,
            text: "1 2",
        };
        let error = exact_tokens(&line, 3, "x y z").unwrap_err();
        assert_eq!(error.found, "2 fields");
        let error = exact_tokens(&line, 1, "x").unwrap_err();
        assert_eq!((error.line, error.column), (1, 3));
    }
}
