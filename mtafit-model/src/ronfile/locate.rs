//! Finding where a field sits in a RON text, so that problems found after parsing (a minimum
//! above its maximum, an unknown capability) point at the right line and column.
//!
//! serde discards positions once a value is built, so the semantic checks ask this small lexer
//! instead. It understands just enough RON to skip comments and strings.

use super::diagnostic::Pos;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident,
    Str,
    Punct(char),
    Other,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

/// One step of a path into a RON document.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// A struct field `name: …`.
    Field(&'a str),
    /// A map entry whose key is the string `"key"`.
    Key(&'a str),
    /// The n-th element (from 0) of the next list.
    Index(usize),
}

/// Where a path was found: the key (or element) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Position of the key (for `Index`, of the element).
    pub key: Pos,
    /// Length of the key in characters.
    pub key_len: usize,
    /// Position of the value's first token.
    pub value: Pos,
    /// Length of the value's first token in characters.
    pub value_len: usize,
}

/// A lexed RON text that answers "where is this field?".
pub struct Locator<'s> {
    src: &'s str,
    tokens: Vec<Token>,
}

impl<'s> Locator<'s> {
    /// Lex `src`; never fails (unknown bytes become `Other` tokens).
    pub fn new(src: &'s str) -> Locator<'s> {
        Locator {
            src,
            tokens: lex(src),
        }
    }

    fn text(&self, t: &Token) -> &'s str {
        &self.src[t.start..t.end]
    }

    fn pos(&self, t: &Token) -> (Pos, usize) {
        (
            Pos::of_offset(self.src, t.start),
            self.text(t).chars().count(),
        )
    }

    /// The last token that ends at or before byte `offset`: (start, end, is a string).
    pub fn token_before(&self, offset: usize) -> Option<(usize, usize, bool)> {
        self.tokens
            .iter()
            .take_while(|t| t.end <= offset)
            .last()
            .map(|t| (t.start, t.end, t.tok == Tok::Str))
    }

    /// The token that spans byte `offset` (start < offset < end), if any: (start, end).
    pub fn token_around(&self, offset: usize) -> Option<(usize, usize)> {
        self.tokens
            .iter()
            .find(|t| t.start < offset && offset < t.end)
            .map(|t| (t.start, t.end))
    }

    /// The first token that starts at or after byte `offset`: (start, end).
    pub fn token_after(&self, offset: usize) -> Option<(usize, usize)> {
        self.tokens
            .iter()
            .find(|t| t.start >= offset)
            .map(|t| (t.start, t.end))
    }

    /// Follow `path` from the start of the document; `None` when a step is not found.
    pub fn find(&self, path: &[Step<'_>]) -> Option<Found> {
        let mut i = 0;
        let mut found = None;
        for step in path {
            let (key_idx, value_idx) = match *step {
                Step::Field(name) => self.find_key(i, |t, s| t.tok == Tok::Ident && s == name)?,
                Step::Key(key) => self.find_key(i, |t, s| {
                    t.tok == Tok::Str
                        && s.strip_prefix('"').and_then(|x| x.strip_suffix('"')) == Some(key)
                })?,
                Step::Index(n) => {
                    let e = self.find_element(i, n)?;
                    (e, e)
                }
            };
            let (key, key_len) = self.pos(&self.tokens[key_idx]);
            let (value, value_len) = self.pos(&self.tokens[value_idx]);
            found = Some(Found {
                key,
                key_len,
                value,
                value_len,
            });
            i = value_idx;
        }
        found
    }

    /// The first token matching `is_key` at or after `from` that is followed by `:`.
    fn find_key(
        &self,
        from: usize,
        is_key: impl Fn(&Token, &str) -> bool,
    ) -> Option<(usize, usize)> {
        let toks = &self.tokens;
        (from..toks.len().saturating_sub(1)).find_map(|i| {
            let t = &toks[i];
            if is_key(t, self.text(t)) && toks[i + 1].tok == Tok::Punct(':') {
                let value = if i + 2 < toks.len() { i + 2 } else { i };
                Some((i, value))
            } else {
                None
            }
        })
    }

    /// The first token of the n-th element of the first list that opens at or after `from`.
    fn find_element(&self, from: usize, n: usize) -> Option<usize> {
        let toks = &self.tokens;
        let open = (from..toks.len()).find(|&i| toks[i].tok == Tok::Punct('['))?;
        let mut depth = 0usize;
        let mut index = 0usize;
        let mut expecting = true;
        for (i, t) in toks.iter().enumerate().skip(open + 1) {
            match t.tok {
                Tok::Punct(']' | ')' | '}') if depth == 0 => return None,
                Tok::Punct(',') if depth == 0 => {
                    index += 1;
                    expecting = true;
                    continue;
                }
                _ => {}
            }
            if expecting {
                if index == n {
                    return Some(i);
                }
                expecting = false;
            }
            match t.tok {
                Tok::Punct('[' | '(' | '{') => depth += 1,
                Tok::Punct(']' | ')' | '}') => depth -= 1,
                _ => {}
            }
        }
        None
    }
}

fn lex(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i = skip_block_comment(bytes, i);
            continue;
        }
        let tok = if b == b'"' {
            i = skip_string(bytes, i + 1);
            Tok::Str
        } else if b == b'r' && matches!(bytes.get(i + 1), Some(b'"' | b'#')) {
            match skip_raw_string(bytes, i + 1) {
                Some(end) => {
                    i = end;
                    Tok::Str
                }
                None => {
                    i += 1;
                    Tok::Ident
                }
            }
        } else if b.is_ascii_alphabetic() || b == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            Tok::Ident
        } else if b.is_ascii_punctuation() && !matches!(b, b'-' | b'+' | b'.') {
            i += 1;
            Tok::Punct(b as char)
        } else {
            // Numbers and anything unexpected: a run up to the next separator.
            i += 1;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(
                    bytes[i],
                    b',' | b')' | b']' | b'}' | b':' | b'(' | b'[' | b'{'
                )
            {
                i += 1;
            }
            Tok::Other
        };
        // Keep token boundaries on char boundaries even inside odd input.
        while i < bytes.len() && !src.is_char_boundary(i) {
            i += 1;
        }
        tokens.push(Token {
            tok,
            start,
            end: i.min(bytes.len()),
        });
    }
    tokens
}

fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < bytes.len() {
        if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_raw_string(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    while i < bytes.len() {
        let closes = bytes[i + 1..].len() >= hashes
            && bytes[i + 1..i + 1 + hashes].iter().all(|&b| b == b'#');
        if bytes[i] == b'"' && closes {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    Some(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"// id: "not this one"
Engine(
    id: "postfix", /* name: nested /* comment */ */
    name: "Post: fix",
    volume: (min_per_month: 20, max_per_month: 10),
    capabilities: { "ip_pools": Yes, "web_uii": No },
    sources: ["https://a", r#"https://b"#, "c"],
)"##;

    fn at(path: &[Step<'_>]) -> Option<(usize, usize, usize, usize)> {
        Locator::new(SRC)
            .find(path)
            .map(|f| (f.key.line, f.key.col, f.value.col, f.value_len))
    }

    #[test]
    fn fields_skip_comments_and_strings() {
        assert_eq!(at(&[Step::Field("id")]), Some((3, 5, 9, 9)));
        assert_eq!(at(&[Step::Field("name")]), Some((4, 5, 11, 11)));
    }

    #[test]
    fn nested_fields_and_map_keys() {
        assert_eq!(
            at(&[Step::Field("volume"), Step::Field("max_per_month")]),
            Some((5, 33, 48, 2))
        );
        assert_eq!(
            at(&[Step::Field("capabilities"), Step::Key("web_uii")]),
            Some((6, 38, 49, 2))
        );
    }

    #[test]
    fn list_elements() {
        assert_eq!(
            at(&[Step::Field("sources"), Step::Index(1)]),
            Some((7, 28, 28, 14))
        );
        assert_eq!(
            at(&[Step::Field("sources"), Step::Index(2)]).map(|f| f.1),
            Some(44)
        );
        assert_eq!(at(&[Step::Field("sources"), Step::Index(3)]), None);
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(at(&[Step::Field("vendor")]), None);
    }

    #[test]
    fn odd_input_never_panics() {
        for src in [
            "\"unterminated",
            "r#\"raw",
            "/* open",
            "é:é",
            "[",
            "r",
            "a:",
        ] {
            let l = Locator::new(src);
            let _ = l.find(&[Step::Field("a"), Step::Index(0)]);
        }
    }
}
