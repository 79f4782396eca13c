//! Words that name clutter, grouped by concept. They are one signal among several: a class
//! token or a heading phrase only hides a block when structure agrees (see `rules.rs`).
//!
//! Class/id vocabularies come in two kinds: `words` match a whole sub-token (`ad` in `ad-slot`,
//! not in `header`); `stems` match inside a token (`related` in `relatedArticles`).
//! Phrases are lower case and matched against the start of a block's text, white space folded.

use crate::plan::Reason;

/// Class/id vocabulary of one concept.
pub struct ClassVocab {
    pub reason: Reason,
    pub words: &'static [&'static str],
    pub stems: &'static [&'static str],
}

/// Checked in this order; the first group that matches names the reason. Comments and cookie
/// banners come before social and promo because their widgets often carry "share"/"subscribe".
pub const CLASS_VOCABS: &[ClassVocab] = &[
    ClassVocab {
        reason: Reason::Cookie,
        words: &["cmp", "gdpr"],
        stems: &["cookie", "consent", "onetrust", "didomi", "cookiebot", "privacy-banner"],
    },
    ClassVocab {
        reason: Reason::Comments,
        words: &["comments", "comment", "replies"],
        stems: &["disqus", "comment-", "comments", "commentlist", "discussion"],
    },
    ClassVocab {
        reason: Reason::Newsletter,
        words: &["newsletter", "signup", "optin"],
        stems: &["newsletter", "sign-up-form", "mailing-list", "mailchimp", "email-capture", "subscribe-form"],
    },
    ClassVocab {
        reason: Reason::Ad,
        words: &[
            "ad", "ads", "adv", "advert", "adverts", "advertisement", "adslot", "adunit", "dfp", "gpt",
            "sponsored", "adsense", "adsbygoogle", "banner-ad", "adblock", "ezoic", "mpu", "leaderboard",
            "skyscraper",
        ],
        stems: &[
            "advert", "adslot", "ad-slot", "ad_slot", "adunit", "ad-unit", "ad-container", "adcontainer",
            "adwrapper", "ad-wrapper", "ad-box", "adbox", "googletag", "google-ad", "dfp-", "taboola",
            "outbrain", "sponsor", "adsbygoogle", "ad-placeholder", "ad-label",
            // data-google-query-id: Google Publisher Tag marks the slot it filled (an empty slot
            // still takes its reserved height: seed-003's blank gap).
            "google-query-id",
        ],
    },
    ClassVocab {
        reason: Reason::LinkList,
        words: &["popular", "related", "trending", "recirc", "recirculation", "mostread", "recommended", "recommendations"],
        stems: &[
            "related", "mostpopular", "most-popular", "most_popular", "most-read", "mostread", "trending",
            "recommend", "morestories", "more-stories", "more-from", "morefrom", "also-read", "alsoread",
            "read-next", "readnext", "further-reading", "top-stories", "topstories", "more-news",
            "morenews", "popular-",
        ],
    },
    ClassVocab {
        reason: Reason::Promo,
        // "cta": call to action, the box that asks for a subscription or money (aeb-dev +0.001 visible F1).
        words: &["promo", "paywall", "upsell", "piano", "smartbanner", "cta"],
        stems: &[
            "promo", "app-download", "download-app", "appdownload", "app-promo", "app-banner",
            "appbanner", "paywall", "upsell", "subscribe", "subscription", "smart-banner",
            "get-the-app", "app-store", "appstore",
        ],
    },
    ClassVocab {
        reason: Reason::Social,
        words: &["share", "sharing", "social", "sharebar", "shares"],
        stems: &["share-", "sharing", "social", "addthis", "sharethis", "follow-us", "followus", "sharebar", "share_"],
    },
    ClassVocab {
        reason: Reason::Disclaimer,
        words: &["disclaimer", "copyright", "legal"],
        stems: &["disclaimer", "copyright", "legal-"],
    },
    ClassVocab {
        reason: Reason::MediaRemnant,
        words: &["vjs", "jw", "mejs", "plyr"],
        stems: &["player-controls", "video-js", "media-controls", "vjs-", "jw-", "mejs-", "breakpoint"],
    },
    ClassVocab {
        reason: Reason::Chrome,
        words: &["breadcrumb", "breadcrumbs", "pagination", "pager", "skiplink", "skiplinks"],
        stems: &[
            "breadcrumb", "skip-link", "skiplink", "skip-to", "skipto", "author-box", "authorbox",
            "author-bio", "authorbio", "about-author", "about-the-author", "pagination",
            // Shown only in print (the site's print stylesheet; a reader on screen never sees
            // them, and without the site's CSS they would print the URL and logo twice).
            "print-header", "print-footer", "print-logo", "print-url", "print-only", "printonly",
            "only-print", "visible-print", "show-for-print", "d-print-block", "d-print-inline",
        ],
    },
];

/// Headings that title a block of links to other stories.
pub const LINK_LIST_TITLES: &[&str] = &[
    "most popular", "most read", "most viewed", "most shared", "related", "read more", "read also",
    "read next", "more from", "more stories", "more news", "more in", "more on", "trending",
    "recommended", "you may also like", "you might also like", "you may like", "don't miss",
    "dont miss", "top stories", "latest news", "latest stories", "editor's picks", "editors' picks",
    "popular", "also read", "see also", "further reading", "what to read next", "up next",
    "lo más leído", "lo más visto", "más leídas", "más vistas", "relacionad", "noticias relacionadas",
    "te puede interesar", "à lire aussi", "a lire aussi", "les plus lus", "lire aussi",
    "sur le même sujet", "meistgelesen", "mehr zum thema", "das könnte sie auch interessieren",
    "читайте также", "популярное", "самое читаемое", "leggi anche", "i più letti", "più letti",
    "mais lidas", "leia também", "veja também", "相关", "推荐", "関連記事", "人気記事", "관련 기사",
];

pub const PROMO_TITLES: &[&str] = &[
    "download the app", "download our app", "get the app", "get our app", "try our ai",
    "try the ai", "subscribe now", "subscribe today", "become a member", "become a subscriber",
    "support our journalism", "get started now", "start your free trial", "unlock this article",
    "already a subscriber", "descarga la app", "téléchargez l'application", "app herunterladen",
];

pub const NEWSLETTER_TITLES: &[&str] = &[
    "newsletter", "sign up for", "subscribe to our newsletter", "get our newsletter",
    "join our newsletter", "get the latest news delivered", "boletín", "infolettre", "рассылка",
];

pub const COMMENTS_TITLES: &[&str] = &[
    "comments", "comment", "no comment", "no comments", "leave a comment", "leave a reply",
    "join the discussion", "show comments", "kommentare", "comentarios", "commentaires",
    "комментарии", "commenti", "comentários", "reacties",
];

pub const DISCLAIMER_TITLES: &[&str] = &["legal disclaimer", "disclaimer", "copyright ©", "copyright (c)", "all rights reserved"];

/// A whole block saying only this is an ad label.
pub const AD_LABELS: &[&str] = &[
    "advertisement", "advertisement · scroll to continue", "advertisement - scroll to continue",
    "scroll to continue with content", "advertisements", "ad", "ads", "sponsored", "sponsored content",
    "paid content", "promoted", "continue reading below", "story continues below advertisement",
    "article continues below advertisement", "anzeige", "werbung", "publicidad", "publicité",
    "pubblicità", "реклама", "advertentie", "reklama", "広告", "광고", "广告",
];

/// Whole-block texts a media player leaves when it has no media.
/// Longest first, so that a phrase is removed before a shorter one inside it (a test checks).
pub const MEDIA_PHRASES: &[&str] = &[
    "your browser does not support the audio element.",
    "your browser does not support the video tag.",
    "no media source currently available",
    "this video is not available",
    "video unavailable",
    "please wait",
    "loading...",
    "loading…",
    "loading",
];

/// Responsive-design breakpoint names some themes leave in the page as text.
pub const BREAKPOINT_LABELS: &[&str] = &["xs", "sm", "md", "lg", "xl", "xxl"];

/// Link texts of share buttons.
pub const SOCIAL_NETWORKS: &[&str] = &[
    "facebook", "twitter", "x", "whatsapp", "email", "e-mail", "mail", "linkedin", "telegram",
    "reddit", "pinterest", "print", "copy link", "copy", "share", "messenger", "vk", "weibo", "line",
    "tumblr", "flipboard", "threads", "bluesky", "sms", "instagram", "youtube", "tiktok", "rss",
];

/// Words a cookie banner uses besides "cookie" (English and the languages most banners use).
pub const COOKIE_BANNER_WORDS: &[&str] = &[
    "accept", "consent", "agree", "privacy", "policy", "settings", "preferences", "continue",
    "aceptar", "accepter", "akzeptieren", "zustimmen", "accetta", "aceitar", "datenschutz",
    "política", "politique",
];

/// Words of a form that signs the reader up for mail.
pub const NEWSLETTER_FORM_WORDS: &[&str] = &[
    "email", "e-mail", "inbox", "newsletter", "correo", "courriel", "boletín", "рассылк", "почт",
];

/// What an appeal for money or subscriptions says.
pub const APPEAL_PHRASES: &[&str] = &[
    "support us", "your support", "donate", "donation", "contribute", "become a member",
    "become a subscriber", "subscribe now", "support our journalism", "support independent",
    "apóyanos", "soutenez-nous", "unterstützen sie uns", "поддержите нас",
];
