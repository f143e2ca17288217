//! Text made safe for Markdown: cells, prose and links.

/// Text safe in Markdown, in a table cell or in prose: no pipes, no line breaks, no markup.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in mtafit_model::text::sanitize(s).chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A URL as an autolink when it is plain, or as escaped text when it could break out.
pub fn url(u: &str) -> String {
    if (u.starts_with("https://") || u.starts_with("http://"))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '`'))
    {
        format!("<{u}>")
    } else {
        cell(u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(cell("a|b*c_d"), "a\\|b\\*c\\_d");
        assert_eq!(cell("two\nlines"), "two lines");
    }

    #[test]
    fn urls_that_could_break_out_are_escaped() {
        assert_eq!(url("https://a.example/x"), "<https://a.example/x>");
        assert!(!url("https://a.example/x>y").starts_with('<'));
    }
}
