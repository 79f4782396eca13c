//! Every rule that can hide a node: its id, its reason, what it looks at. The ids are stable:
//! the plan carries them, `lede clean --format json` prints them, fixtures name them.

use crate::plan::Reason;

pub struct Rule {
    pub id: &'static str,
    /// The reason it hides with; `None` when it takes the reason of a vocabulary group.
    pub reason: Option<Reason>,
    pub doc: &'static str,
}

/// In the order `classify` tries them on each element, top-down, first match wins.
pub const RULES: &[Rule] = &[
    Rule { id: "class_vocab", reason: None, doc: "class, id or data-* names say what the block is (vocab::CLASS_VOCABS)" },
    Rule { id: "aria_label", reason: None, doc: "aria-label or role names the block: advertisement, breadcrumb, share, comments" },
    Rule { id: "ad_label", reason: Some(Reason::Ad), doc: "the whole block reads 'Advertisement' or a translation" },
    Rule { id: "player_remnant", reason: Some(Reason::MediaRemnant), doc: "only player timers and messages: '0:00 0:02:52 0:00', 'please wait'" },
    Rule { id: "breakpoint_labels", reason: Some(Reason::MediaRemnant), doc: "only breakpoint names: 'XS SM MD LG'" },
    Rule { id: "share_links", reason: Some(Reason::Social), doc: "two or more links, all named for social networks, and little else" },
    Rule { id: "cookie_banner", reason: Some(Reason::Cookie), doc: "a short block about cookies" },
    Rule { id: "disclaimer_title", reason: Some(Reason::Disclaimer), doc: "a block that opens with 'Legal disclaimer' or 'Disclaimer'" },
    Rule { id: "copyright_line", reason: Some(Reason::Disclaimer), doc: "a short block with ©, 'copyright' or 'all rights reserved' (focus mode only inside the article)" },
    Rule { id: "titled_block", reason: None, doc: "a block titled 'Most popular', 'Comments', 'Download the app'… (or by a heading whose class says related/popular) whose content agrees" },
    Rule { id: "newsletter_form", reason: Some(Reason::Newsletter), doc: "a short block with a form asking for an e-mail address" },
    Rule { id: "appeal_box", reason: Some(Reason::Promo), doc: "a short titled box asking for donations or subscriptions, with a link" },
    Rule { id: "titled_siblings", reason: None, doc: "what follows such a title when the page puts title and list side by side" },
    Rule { id: "repeated_exact", reason: Some(Reason::Duplicate), doc: "a block whose text the page already showed" },
    Rule { id: "repeated_near", reason: Some(Reason::Duplicate), doc: "a paragraph sharing most of its word shingles with an earlier one" },
    Rule { id: "outside_article", reason: Some(Reason::Outside), doc: "focus mode: not the headline, standfirst or body" },
    Rule { id: "before_first_paragraph", reason: Some(Reason::Chrome), doc: "focus mode: text without prose above the body's first paragraph (byline, date, credits)" },
    Rule { id: "after_last_paragraph", reason: Some(Reason::Chrome), doc: "focus mode: short text without prose below the body's last paragraph (tags, reprints)" },
    Rule { id: "figure_caption", reason: Some(Reason::Chrome), doc: "focus mode: a caption or photo credit after the lead picture (figcaption, caption- or credit-named, no picture in it); the picture stays" },
    Rule { id: "article_furniture", reason: Some(Reason::Chrome), doc: "focus mode: nav, aside, form, button, footer (or their roles) or link-heavy block inside the body" },
];

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::vocab::CLASS_VOCABS;

    #[test]
    fn rule_ids_are_unique() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(RULES[i + 1..].iter().all(|o| o.id != r.id), "duplicate rule id {}", r.id);
        }
    }

    #[test]
    fn no_vocabulary_group_is_empty() {
        for v in CLASS_VOCABS {
            assert!(!v.words.is_empty() && !v.stems.is_empty(), "{:?} has an empty group", v.reason);
        }
    }
}
