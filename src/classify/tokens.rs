//! Class, id and data-* names split into tokens and matched against the vocabularies.

use super::vocab::{ClassVocab, CLASS_VOCABS};
use crate::plan::Reason;
use crate::snapshot::Node;

/// Class/id tokens that name the article body (a bonus when choosing the article root).
const ARTICLE_WORDS: &[&str] = &["article", "story", "post", "entry", "articlebody"];
const ARTICLE_STEMS: &[&str] = &[
    "article-body", "articlebody", "article__body", "article-content", "articlecontent", "story-body",
    "storybody", "post-content", "postcontent", "entry-content", "post-body", "postbody", "article-text",
    "articletext", "story-content", "news-text", "td-post-content", "field-body",
];
/// Tokens that say a candidate root is not the article even when it holds prose.
const NEGATIVE_STEMS: &[&str] = &["comment", "sidebar", "related", "footer", "teaser", "promo", "widget", "disqus", "recommend"];

/// Lower-cased class and id tokens, plus data-* attribute names.
fn tokens(node: &Node) -> impl Iterator<Item = String> + '_ {
    node.class
        .split_ascii_whitespace()
        .chain(node.id.split_ascii_whitespace())
        .chain(node.data.split_ascii_whitespace())
        .map(|t| t.to_ascii_lowercase())
}

/// Splits a token at `-`, `_` and camelCase humps: `relatedArticles__list` → related, articles, list.
fn sub_words(token: &str, original_case: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for (c, oc) in token.chars().zip(original_case.chars()) {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if oc.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = oc.is_ascii_lowercase();
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn matches(node: &Node, words: &[&str], stems: &[&str]) -> bool {
    let originals = node.class.split_ascii_whitespace().chain(node.id.split_ascii_whitespace()).chain(node.data.split_ascii_whitespace());
    for (token, original) in tokens(node).zip(originals) {
        if stems.iter().any(|s| token.contains(s)) {
            return true;
        }
        if sub_words(&token, original).iter().any(|w| words.contains(&w.as_str())) {
            return true;
        }
    }
    false
}

/// The first vocabulary group the node's names match.
pub fn class_reason(node: &Node) -> Option<Reason> {
    if node.class.is_empty() && node.id.is_empty() && node.data.is_empty() {
        return None;
    }
    CLASS_VOCABS.iter().find(|v: &&ClassVocab| matches(node, v.words, v.stems)).map(|v| v.reason)
}

/// Figures and their captions and credits.
pub fn is_caption(node: &Node) -> bool {
    matches!(node.tag.as_str(), "figure" | "figcaption")
        || matches(node, CAPTION_WORDS, CAPTION_STEMS)
}

const CAPTION_WORDS: &[&str] = &["caption", "credit", "credits", "figcaption"];
const CAPTION_STEMS: &[&str] = &["caption", "photo-credit", "image-credit", "imagecredit"];

pub fn has_article_hint(node: &Node) -> bool {
    node.tag == "article"
        || node.tag == "main"
        || node.itemprop.eq_ignore_ascii_case("articleBody")
        || matches(node, ARTICLE_WORDS, ARTICLE_STEMS)
}

pub fn has_negative_hint(node: &Node) -> bool {
    matches(node, &[], NEGATIVE_STEMS) || node.tag == "aside" || node.role == "complementary"
}

/// What `role` and `aria-label` say.
pub fn label_reason(node: &Node) -> Option<Reason> {
    let label = node.label.to_lowercase();
    let label = label.trim();
    if !label.is_empty() {
        if label.contains("breadcrumb") || label.starts_with("skip") {
            return Some(Reason::Chrome);
        }
        if label.starts_with("advertisement") || label == "ad" || label == "ads" {
            return Some(Reason::Ad);
        }
        if label.starts_with("share") || label.starts_with("social") {
            return Some(Reason::Social);
        }
        if label.starts_with("comments") {
            return Some(Reason::Comments);
        }
        if label.contains("cookie") {
            return Some(Reason::Cookie);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(class: &str) -> Node {
        Node { tag: "div".into(), class: class.into(), ..Node::default() }
    }

    #[test]
    fn words_match_whole_sub_tokens_only() {
        assert_eq!(class_reason(&node("ad-slot top")), Some(Reason::Ad));
        assert_eq!(class_reason(&node("site-header shadow")), None);
        assert_eq!(class_reason(&node("relatedArticles")), Some(Reason::LinkList));
        assert_eq!(class_reason(&node("AdContainer")), Some(Reason::Ad));
        assert_eq!(class_reason(&node("headline loaded")), None);
    }
}
