//! Quotations in a paragraph, whatever the language's quote marks.
//!
//! Marks are matched with a stack, so nested quotes ('… eliminating 'irritants' to …') close
//! in order. The marks that double as apostrophes (' ’ ‘) open only before a word and close
//! only after one, so "won’t", "Russia's" and "nations’ embassies" are not quotes. A double
//! quote that opens a paragraph and is left open runs to its end (the convention when a quote
//! goes on in the next paragraph); one left open elsewhere is a stray mark and is dropped.

use super::tokens;

/// Quotes shorter than this (words) are left out: "very soon", “preliminary”, 'irritants' are
/// scare quotes or phrases, too common to say that two reports quote the same words.
pub const MIN_QUOTE_WORDS: usize = 5;

/// Quotes nest at most this deep (a quote in a quote in a quote): deeper marks are ignored, so
/// that each character is in a bounded number of quotations, whatever the page.
const MAX_DEPTH: usize = 3;

/// Each opening mark and the closing marks it accepts. Order does not matter.
pub const QUOTE_MARKS: &[(char, &[char])] = &[
    ('“', &['”']),      // English, Chinese
    ('„', &['“', '”']), // German, Polish, Czech, Romanian
    ('”', &['”']),      // Swedish, Finnish
    ('«', &['»']),      // French, Russian, Spanish, Italian
    ('»', &['«', '»']), // German, Danish; Swedish
    ('‹', &['›']),
    ('›', &['‹', '›']),
    ('‘', &['’']),
    ('‚', &['‘', '’']),
    ('"', &['"']),
    ('\'', &['\'']),
    ('「', &['」']), // Japanese
    ('『', &['』']),
    ('〝', &['〞', '〟']),
];

/// Marks that are also apostrophes: they need a word on the inner side and none on the outer.
fn is_apostrophe_like(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

/// A cheap superset of the marks of [`QUOTE_MARKS`] (a test checks that it covers them): most
/// characters of a paragraph are turned away here, without a scan of the table.
fn may_be_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '«' | '»' | '\u{2018}'..='\u{203a}' | '\u{300c}'..='\u{301f}')
}

/// The first bytes, in UTF-8, of the chars [`may_be_mark`] lets through (never a byte inside a
/// char, so a match is where a char starts).
fn may_start_mark(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | 0xc2 | 0xe2 | 0xe3)
}

fn is_mark(c: char) -> bool {
    may_be_mark(c) && QUOTE_MARKS.iter().any(|(o, cs)| *o == c || cs.contains(&c))
}

fn closers(open: char) -> &'static [char] {
    QUOTE_MARKS.iter().find(|(o, _)| *o == open).map(|(_, cs)| *cs).unwrap_or(&[])
}

/// The quotations of a paragraph with at least [`MIN_QUOTE_WORDS`] words, inner ones first.
pub fn quotations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_candidate(text, |s| {
        if tokens(s).len() >= MIN_QUOTE_WORDS {
            out.push(s.to_string());
        }
    });
    out
}

/// Calls `emit` with the text (trimmed) of every quotation of a paragraph, inner ones first,
/// before the [`MIN_QUOTE_WORDS`] test: the caller counts the words as it tokenises them anyway.
pub(super) fn for_each_candidate<'a>(text: &'a str, mut emit: impl FnMut(&'a str)) {
    // Open quotes: (mark, byte offset of the first char inside).
    let mut stack: Vec<(char, usize)> = Vec::new();
    // Bytes, not chars: most of a paragraph is skipped without decoding it.
    for (i, b) in text.bytes().enumerate() {
        if !may_start_mark(b) {
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()).filter(|&c| is_mark(c)) else {
            continue;
        };
        let prev = text[..i].chars().next_back();
        let after = text[i + c.len_utf8()..].chars().next();
        // A word (not a space) on the inner side, and no word on the outer side.
        let can_close = prev.is_some_and(|b| !b.is_whitespace()) && after.is_none_or(|a| !a.is_alphanumeric());
        let can_open = after.is_some_and(|a| !a.is_whitespace()) && prev.is_none_or(|b| !b.is_alphanumeric());
        let strict = is_apostrophe_like(c);
        if !strict || can_close {
            if let Some(k) = stack.iter().rposition(|(o, _)| closers(*o).contains(&c)) {
                let (_, from) = stack[k];
                stack.truncate(k);
                emit(text[from..i].trim());
                continue;
            }
        }
        if !closers(c).is_empty() && (!strict || can_open) && stack.len() < MAX_DEPTH {
            stack.push((c, i + c.len_utf8()));
        }
    }
    // A double quote opened at the paragraph's start (its first char) and still open runs to its end.
    if let Some(&(_, from)) = stack.first().filter(|(o, from)| !is_apostrophe_like(*o) && *from == o.len_utf8()) {
        emit(text[from..].trim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_prefilter_covers_every_mark() {
        for &(open, closes) in QUOTE_MARKS {
            for c in std::iter::once(open).chain(closes.iter().copied()) {
                assert!(may_be_mark(c), "{c}");
                assert!(may_start_mark(c.to_string().as_bytes()[0]), "{c}");
            }
        }
    }

    #[test]
    fn marks_of_many_languages() {
        let q = |s: &str| quotations(s);
        assert_eq!(
            q("“We hope that the pause they took will not be too long,” Zakharova added"),
            ["We hope that the pause they took will not be too long,"]
        );
        assert_eq!(
            q("Er sagte: „Wir hoffen, dass die Pause nicht lange dauert“."),
            ["Wir hoffen, dass die Pause nicht lange dauert"]
        );
        assert_eq!(
            q("Elle a dit : « nous espérons que la pause ne durera pas » hier."),
            ["nous espérons que la pause ne durera pas"]
        );
        assert_eq!(
            q("Он сказал: «мы надеемся, что пауза не будет долгой»."),
            ["мы надеемся, что пауза не будет долгой"]
        );
        assert_eq!(q("彼は「一時停止が長く続かないことを望む」と述べた"), ["一時停止が長く続かないことを望む"]);
        assert_eq!(q("He said \"the pause will not last too long\" today"), ["the pause will not last too long"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotations("The nations’ embassies won’t reopen, Russia's ministry said on Monday").is_empty());
        assert_eq!(
            quotations("Moscow hopes that 'the pause they have taken will not last too long.'"),
            ["the pause they have taken will not last too long."]
        );
    }

    #[test]
    fn nested_quotes_close_in_order() {
        let q = quotations("she stated, 'As of today, the next meeting on eliminating 'irritants' to normalize the work has been canceled.' Then");
        assert_eq!(
            q,
            ["As of today, the next meeting on eliminating 'irritants' to normalize the work has been canceled."]
        );
    }

    #[test]
    fn short_quotes_are_left_out_and_open_ones_run_to_the_end() {
        assert!(quotations("talks would take place “very soon.” Washington never confirmed").is_empty());
        assert_eq!(
            quotations("“The first contacts encourage certain hopes, he said"),
            ["The first contacts encourage certain hopes, he said"]
        );
        assert!(
            quotations("He said \"[Former US President] Barack Obama and Trudeau did not want it.' 'And I").is_empty()
        );
    }
}
