//! What the core tells a front end to do: which nodes to hide and why, where the article is.

use serde::{Deserialize, Serialize};

use crate::config::Mode;
use crate::snapshot::{NodeId, SCHEMA_VERSION};

/// Why a node is hidden. The kebab-case name is the `data-lede-hidden` value the extension
/// writes, the fixture expectation, and (with `-` as `_`) the locale message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Advertising slots and their labels.
    Ad,
    /// Lists of links to other stories: most popular, related, trending, recommended, more from.
    LinkList,
    /// App download, "try our AI features", subscribe and paywall upsells.
    Promo,
    /// Newsletter sign-up boxes.
    Newsletter,
    /// Legal disclaimers, copyright lines, outlet boilerplate.
    Disclaimer,
    /// Comment sections and their stubs.
    Comments,
    /// Share bars and follow-us links.
    Social,
    /// Cookie and consent banners.
    Cookie,
    /// What a media player leaves behind as text: timers, "please wait", breakpoint labels.
    MediaRemnant,
    /// Site furniture near the article: breadcrumbs, skip links, author boxes, tag lists.
    Chrome,
    /// A paragraph or block the page already showed.
    Duplicate,
    /// Focus mode: not part of the article.
    Outside,
}

impl Reason {
    pub const ALL: [Reason; 12] = [
        Reason::Ad,
        Reason::LinkList,
        Reason::Promo,
        Reason::Newsletter,
        Reason::Disclaimer,
        Reason::Comments,
        Reason::Social,
        Reason::Cookie,
        Reason::MediaRemnant,
        Reason::Chrome,
        Reason::Duplicate,
        Reason::Outside,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Ad => "ad",
            Reason::LinkList => "link-list",
            Reason::Promo => "promo",
            Reason::Newsletter => "newsletter",
            Reason::Disclaimer => "disclaimer",
            Reason::Comments => "comments",
            Reason::Social => "social",
            Reason::Cookie => "cookie",
            Reason::MediaRemnant => "media-remnant",
            Reason::Chrome => "chrome",
            Reason::Duplicate => "duplicate",
            Reason::Outside => "outside",
        }
    }
}

/// How the analysis ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// An article was found; `ops` hide the clutter.
    Article,
    /// No article on this page (a front page, a form): only clutter known by rule is hidden.
    NoArticle,
    /// The page is over a limit: nothing is hidden.
    LimitExceeded,
}

/// Hide one node (and so its subtree).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub node: NodeId,
    pub reason: Reason,
    /// The rule that fired, for "why was this hidden?".
    pub rule: String,
}

/// The result of one analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema: u32,
    pub outcome: Outcome,
    pub mode: Mode,
    /// The headline.
    pub title: String,
    /// The headline's element, when the page shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_node: Option<NodeId>,
    /// The element holding the article body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<NodeId>,
    /// Hidden subtrees, in document order; none lies inside another.
    pub ops: Vec<Op>,
}

impl Plan {
    pub fn nothing(outcome: Outcome, mode: Mode) -> Plan {
        Plan { schema: SCHEMA_VERSION, outcome, mode, title: String::new(), title_node: None, article: None, ops: Vec::new() }
    }

    /// Hidden nodes per reason, for the popup and the demo's side panel.
    pub fn counts(&self) -> Vec<(Reason, usize)> {
        Reason::ALL
            .iter()
            .map(|r| (*r, self.ops.iter().filter(|op| op.reason == *r).count()))
            .filter(|(_, c)| *c > 0)
            .collect()
    }
}
