//! The six ranges of the 16-bit close code space and the reconnect advice.

use core::fmt;
use core::ops::RangeInclusive;

/// The range a close code belongs to.
///
/// The discriminants are part of the ABI: the C header, the Python enum and every other
/// binding use these exact numbers.
///
/// ```
/// use wsclose::{classify, Category};
/// assert_eq!(classify(1000), Category::Standard);
/// assert_eq!(classify(4001), Category::Private);
/// assert_eq!(Category::Private as u8, 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Category {
    /// 0–999: never assigned to anything.
    Unused = 0,
    /// 1000–1015: defined by RFC 6455 and its IANA registry.
    Standard = 1,
    /// 1016–2999: held back for future revisions of the protocol and for extensions.
    Reserved = 2,
    /// 3000–3999: registered with IANA by libraries, frameworks and applications.
    Registered = 3,
    /// 4000–4999: for private agreements between applications; never registered.
    Private = 4,
    /// 5000–65535: outside every range the protocol defines.
    OutOfRange = 5,
}

/// Classifies any 16-bit value into its [`Category`]. Total and branch-light.
///
/// ```
/// use wsclose::{classify, Category};
/// assert_eq!(classify(999), Category::Unused);
/// assert_eq!(classify(1016), Category::Reserved);
/// assert_eq!(classify(3000), Category::Registered);
/// assert_eq!(classify(5000), Category::OutOfRange);
/// ```
#[inline]
#[must_use]
pub const fn classify(code: u16) -> Category {
    Category::ALL[category_index(code) as usize]
}

/// The category number of `code` as a plain byte: the ranges are ordered, so the number is the
/// count of range starts at or below `code`. No branches, which lets bulk loops vectorise.
#[inline(always)]
pub(crate) const fn category_index(code: u16) -> u8 {
    (code >= 1000) as u8
        + (code >= 1016) as u8
        + (code >= 3000) as u8
        + (code >= 4000) as u8
        + (code >= 5000) as u8
}

impl Category {
    /// Every category, in discriminant order.
    pub const ALL: [Category; 6] = [
        Category::Unused,
        Category::Standard,
        Category::Reserved,
        Category::Registered,
        Category::Private,
        Category::OutOfRange,
    ];

    /// The category with discriminant `value`, or `None` when `value > 5`.
    ///
    /// ```
    /// use wsclose::Category;
    /// assert_eq!(Category::from_u8(3), Some(Category::Registered));
    /// assert_eq!(Category::from_u8(6), None);
    /// ```
    #[must_use]
    pub const fn from_u8(value: u8) -> Option<Category> {
        if (value as usize) < Category::ALL.len() {
            Some(Category::ALL[value as usize])
        } else {
            None
        }
    }

    /// The inclusive range of codes in this category.
    ///
    /// ```
    /// use wsclose::Category;
    /// assert_eq!(Category::Private.range(), 4000..=4999);
    /// ```
    #[must_use]
    pub const fn range(self) -> RangeInclusive<u16> {
        match self {
            Category::Unused => 0..=999,
            Category::Standard => 1000..=1015,
            Category::Reserved => 1016..=2999,
            Category::Registered => 3000..=3999,
            Category::Private => 4000..=4999,
            Category::OutOfRange => 5000..=u16::MAX,
        }
    }

    /// The identifier used for this category in other languages, e.g. `"OUT_OF_RANGE"`.
    ///
    /// ```
    /// use wsclose::Category;
    /// assert_eq!(Category::OutOfRange.const_name(), "OUT_OF_RANGE");
    /// ```
    #[must_use]
    pub const fn const_name(self) -> &'static str {
        match self {
            Category::Unused => "UNUSED",
            Category::Standard => "STANDARD",
            Category::Reserved => "RESERVED",
            Category::Registered => "REGISTERED",
            Category::Private => "PRIVATE",
            Category::OutOfRange => "OUT_OF_RANGE",
        }
    }

    /// What codes in this range are for, in a sentence or two. Codes without a standard
    /// name use this as their description.
    ///
    /// ```
    /// use wsclose::Category;
    /// assert!(Category::Reserved.description().contains("extensions"));
    /// ```
    #[must_use]
    pub const fn description(self) -> &'static str {
        RANGE_TEXT[self as usize]
    }
}

/// Per category: the description (`RANGE_TEXT`) and the label.
macro_rules! range_text {
    ($($category:ident $label:literal $description:literal;)+) => {
        const RANGE_TEXT: [&str; 6] = [$($description),+];
        impl Category {
            /// A short human label, e.g. `"private use"`.
            ///
            /// ```
            /// use wsclose::Category;
            /// assert_eq!(Category::OutOfRange.label(), "out of range");
            /// ```
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self {
                    $(Category::$category => $label,)+
                }
            }
        }
        const _: () = {
            let order = [$(Category::$category as u8),+];
            let mut i = 0;
            while i < order.len() {
                assert!(order[i] as usize == i);
                i += 1;
            }
        };
    };
}

range_text! {
    Unused "unused" "Below 1000 no close code was ever assigned; a peer that sends one is breaking the protocol.";
    Standard "standard" "A code whose meaning is fixed by the WebSocket protocol itself.";
    Reserved "reserved" "Held back for later revisions of the WebSocket protocol and for extensions; nothing may send it today.";
    Registered "registered" "Assigned through the IANA registry to a library, framework or application; its meaning is set by whoever registered it.";
    Private "private use" "Free for applications to agree on among themselves; it carries no meaning outside that agreement.";
    OutOfRange "out of range" "Lies above every range the protocol defines, so it is not a valid close code on the wire.";
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl From<Category> for u8 {
    fn from(category: Category) -> u8 {
        category as u8
    }
}

/// What a client should do after the connection closed with a given code.
///
/// The discriminants are part of the ABI, like those of [`Category`].
///
/// ```
/// use wsclose::{CloseCode, Reconnect};
/// assert_eq!(CloseCode::SERVICE_RESTART.reconnect(), Reconnect::Backoff);
/// assert_eq!(CloseCode::POLICY_VIOLATION.reconnect(), Reconnect::Never);
/// assert_eq!(CloseCode::new(4321).reconnect(), Reconnect::AppDefined);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Reconnect {
    /// Retrying would fail the same way, or the peer asked to stop.
    Never = 0,
    /// A transient condition: reconnect after a delay that grows with each attempt.
    Backoff = 1,
    /// A registered or private code: only the application knows.
    AppDefined = 2,
}

impl Reconnect {
    /// Every reconnect advice, in discriminant order.
    pub const ALL: [Reconnect; 3] = [Reconnect::Never, Reconnect::Backoff, Reconnect::AppDefined];

    /// The advice with discriminant `value`, or `None` when `value > 2`.
    ///
    /// ```
    /// use wsclose::Reconnect;
    /// assert_eq!(Reconnect::from_u8(1), Some(Reconnect::Backoff));
    /// assert_eq!(Reconnect::from_u8(3), None);
    /// ```
    #[must_use]
    pub const fn from_u8(value: u8) -> Option<Reconnect> {
        if (value as usize) < Reconnect::ALL.len() {
            Some(Reconnect::ALL[value as usize])
        } else {
            None
        }
    }

    /// A short human label, e.g. `"backoff"`.
    ///
    /// ```
    /// use wsclose::Reconnect;
    /// assert_eq!(Reconnect::AppDefined.label(), "app-defined");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        RECONNECT_TEXT[self as usize]
    }

    /// The identifier used in other languages, e.g. `"APP_DEFINED"`.
    ///
    /// ```
    /// use wsclose::Reconnect;
    /// assert_eq!(Reconnect::AppDefined.const_name(), "APP_DEFINED");
    /// ```
    #[must_use]
    pub const fn const_name(self) -> &'static str {
        match self {
            Reconnect::Never => "NEVER",
            Reconnect::Backoff => "BACKOFF",
            Reconnect::AppDefined => "APP_DEFINED",
        }
    }
}

/// Per reconnect advice, in discriminant order: the label.
/// each.
const RECONNECT_TEXT: [&str; 3] = ["never", "backoff", "app-defined"];

impl fmt::Display for Reconnect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl From<Reconnect> for u8 {
    fn from(reconnect: Reconnect) -> u8 {
        reconnect as u8
    }
}
