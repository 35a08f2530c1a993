//! The values that flow between stages and the serialisable [`Analysis`] of one article.
//!
//! Field names here are a contract (../shared/DESIGN.md, `schema/analysis.schema.json`):
//! extend, never rename.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the article's decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers. Panics if the span is not on char boundaries of `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A closed set of names that travel as strings in the JSON contract: the enum, its serde
/// name (equal to [`as_str`](EntityKind::as_str) by construction), `parse` and `ALL`.
///
/// One mechanism for every kind and status of the contract, so a new variant is one line and a
/// typo is a compile error, not a silently different string.
#[macro_export]
macro_rules! names {
    ($(#[$m:meta])* pub enum $T:ident { $($(#[$vm:meta])* $V:ident = $s:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $T {
            $($(#[$vm])* #[serde(rename = $s)] $V,)*
        }
        impl $T {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$T] = &[$($T::$V,)*];
            /// The name in the JSON contract.
            pub fn as_str(self) -> &'static str {
                match self { $($T::$V => $s,)* }
            }
            /// The variant with this JSON name.
            pub fn parse(s: &str) -> Option<$T> {
                match s { $($s => Some($T::$V),)* _ => None }
            }
        }
        impl std::fmt::Display for $T {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

names! {
    /// How precise a date is.
    pub enum Precision {
        Day = "day",
        Month = "month",
        Year = "year",
    }
}

/// The publication date of an article with its precision and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, matching `precision`.
    pub value: String,
    pub precision: Precision,
    /// How the date was found or inferred, in plain words.
    pub reason: String,
    /// Where in the text the evidence is, when there is one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Span>,
    /// The earliest day the article can be from, when the value is coarser than a day but
    /// the text pins a lower bound (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<String>,
}

/// A piece of the page that is not article body, with why it was taken out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: RemovalReason,
    pub start: usize,
    pub end: usize,
}

names! {
    /// Why a piece of the page was removed from the body.
    pub enum RemovalReason {
        /// "Baca Juga:", "SEE ALSO:", "Lihat juga", "Simak juga" and their asides.
        RelatedLink = "related_link",
        /// "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT".
        Advertisement = "advertisement",
        /// Skip links, menus, breadcrumbs.
        Navigation = "navigation",
        /// Widget labels: "Forum", "Recommended", size pickers.
        Widget = "widget",
        /// "Bagikan", "Komentar", "Share this".
        SharePrompt = "share_prompt",
        /// Sign-off initials such as "[ab/uh]".
        SignOff = "sign_off",
        /// Blog chrome: "1 min read", placeholder text.
        BlogChrome = "blog_chrome",
        /// A machine-translation disclaimer.
        Disclaimer = "disclaimer",
        /// Photo or source credit: "Sumber Foto: ...", "(Foto: ...)".
        Credit = "credit",
        /// Author/editor/source lines (their content goes to the metadata).
        Byline = "byline",
        /// A line that repeats an earlier one (e.g. a duplicated caption).
        Duplicate = "duplicate",
        /// The headline, taken out of the body into `title`.
        Title = "title",
        /// A photo caption, kept in `captions`, not in the body.
        Caption = "caption",
        /// A bare date/time stamp line.
        Timestamp = "timestamp",
    }
}

/// A span of the decoded text with the text it covers (a cue, a trigger, a speaker as written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl TextSpan {
    /// The span `s` of `text` with its text.
    pub fn of(text: &str, s: Span) -> Self {
        TextSpan { text: s.of(text).to_string(), start: s.start, end: s.end }
    }
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

names! {
    /// The finer type of a gazetteer entry (`data/gazetteer.psv`, third column).
    pub enum Subtype {
        Agency = "agency",
        ArmedForces = "armed_forces",
        ArmedGroup = "armed_group",
        Businessperson = "businessperson",
        CentralBank = "central_bank",
        City = "city",
        Company = "company",
        Country = "country",
        Court = "court",
        Facility = "facility",
        FormerCountry = "former_country",
        FormerHeadOfGovernment = "former_head_of_government",
        FormerHeadOfState = "former_head_of_state",
        Forum = "forum",
        GovernmentSeat = "government_seat",
        HeadOfGovernment = "head_of_government",
        HeadOfState = "head_of_state",
        Historical = "historical",
        IntlOrg = "intl_org",
        Island = "island",
        Legislature = "legislature",
        MilitantLeader = "militant_leader",
        Ministry = "ministry",
        NewsAgency = "news_agency",
        Official = "official",
        Outlet = "outlet",
        Party = "party",
        Police = "police",
        Politician = "politician",
        Province = "province",
        Region = "region",
        ReligiousLeader = "religious_leader",
        ReligiousOrg = "religious_org",
        Sea = "sea",
    }
}

impl Subtype {
    /// An agency or outlet: a source news comes through, not an actor in it.
    pub fn is_media(self) -> bool {
        matches!(self, Subtype::Outlet | Subtype::NewsAgency)
    }
}

names! {
    /// Which mechanism found a mention of an entity.
    pub enum FoundBy {
        /// The curated gazetteer.
        Gazetteer = "gazetteer",
        /// The trained tagger (`ner`).
        Tagger = "tagger",
        /// The name rules (titles, capitalised runs, acronyms).
        Rules = "rules",
    }
}

/// A link from a gazetteer entity to another row ("Pyongyang" capital_of North Korea).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The other row's gazetteer key.
    pub kb: String,
    /// Its canonical name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its entity id when it is also named in this article, else null.
    pub entity: Option<String>,
}

names! {
    /// The relations between gazetteer rows (the `links` column).
    pub enum Relation {
        /// A capital city and its country.
        CapitalOf = "capital_of",
        /// A person or body and the country it belongs to.
        Country = "country",
        /// A place and the larger place it lies in.
        In = "in",
        /// A seat of power that stands for its state ("Kremlin" for Russia).
        MetonymOf = "metonym_of",
        /// A body and the larger one it is part of.
        PartOf = "part_of",
    }
}

/// The gazetteer links of an entity, one optional field per [`Relation`] (the JSON keeps
/// each relation as a key of the entity).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital_of: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Link>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub in_: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metonym_of: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Link>,
}

impl Links {
    pub fn get(&self, r: Relation) -> Option<&Link> {
        self.slot(r).as_ref()
    }
    pub fn set(&mut self, r: Relation, link: Link) {
        *self.slot_mut(r) = Some(link);
    }
    fn slot(&self, r: Relation) -> &Option<Link> {
        match r {
            Relation::CapitalOf => &self.capital_of,
            Relation::Country => &self.country,
            Relation::In => &self.in_,
            Relation::MetonymOf => &self.metonym_of,
            Relation::PartOf => &self.part_of,
        }
    }
    fn slot_mut(&mut self, r: Relation) -> &mut Option<Link> {
        match r {
            Relation::CapitalOf => &mut self.capital_of,
            Relation::Country => &mut self.country,
            Relation::In => &mut self.in_,
            Relation::MetonymOf => &mut self.metonym_of,
            Relation::PartOf => &mut self.part_of,
        }
    }
}

/// One real-world thing with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    /// PER, ORG or LOC.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    pub mentions: Vec<Mention>,
    /// The gazetteer key, when the entity is a curated one (`KP`, `per:putin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb: Option<String>,
    /// The gazetteer's finer type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<Subtype>,
    /// Links to other gazetteer rows (capital_of, metonym_of, ...).
    #[serde(flatten)]
    pub links: Links,
    /// The mechanisms that found its mentions, sorted.
    #[serde(default)]
    pub found_by: Vec<FoundBy>,
}

impl Entity {
    /// An entity with no gazetteer facts (no key, subtype or links).
    pub fn new(id: impl Into<String>, kind: EntityKind, name: impl Into<String>, mentions: Vec<Mention>) -> Self {
        Entity {
            id: id.into(),
            kind,
            name: name.into(),
            mentions,
            kb: None,
            subtype: None,
            links: Links::default(),
            found_by: Vec::new(),
        }
    }
    /// An agency or outlet (by its gazetteer subtype).
    pub fn is_media(&self) -> bool {
        self.subtype.is_some_and(Subtype::is_media)
    }
}

names! {
    /// The TIMEX3 type of a time expression.
    pub enum TimeKind {
        Date = "DATE",
        Time = "TIME",
        Duration = "DURATION",
        Set = "SET",
    }
}

names! {
    /// How fine a resolved time expression is.
    pub enum TimePrecision {
        Decade = "decade",
        Year = "year",
        Half = "half",
        Quarter = "quarter",
        Month = "month",
        Week = "week",
        Weekend = "weekend",
        Day = "day",
        PartOfDay = "part_of_day",
        Time = "time",
    }
}

names! {
    /// TIMEX3 `mod`: a part of a period or an approximation.
    pub enum TimeMod {
        Start = "START",
        Mid = "MID",
        End = "END",
        Approx = "APPROX",
        LessThan = "LESS_THAN",
        MoreThan = "MORE_THAN",
        EqualOrLess = "EQUAL_OR_LESS",
        EqualOrMore = "EQUAL_OR_MORE",
    }
}

names! {
    /// TIMEX3 `quant` of a set ("setiap Senin").
    pub enum Quant {
        Each = "EACH",
    }
}

names! {
    /// The preposition that relates a time expression to what happens ("sejak 2020").
    pub enum TimeRelation {
        Since = "since",
        Until = "until",
        Before = "before",
        After = "after",
    }
}

names! {
    /// A repair made while resolving a date.
    pub enum Correction {
        /// "10/13" read as 13 October: the day and month were swapped.
        DayMonthSwapped = "day_month_swapped",
    }
}

fn is_true(b: &bool) -> bool {
    *b
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn yes() -> bool {
    true
}

/// A time expression with its TIMEX3 type and normalised value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimeKind,
    /// TIMEX3 value: 2023-09-13, 2023-09, 2024-W25, P4Y, PRESENT_REF, XXXX-XX-XX, ...
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<TimePrecision>,
    /// False when the value could not be pinned to the calendar (it keeps X placeholders).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub resolved: bool,
    /// The date a relative expression was counted from, when it is not the reference date
    /// ("dua hari kemudian" after an earlier date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<TimeMod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quant: Option<Quant>,
    /// TIMEX3 `freq` of a set ("2X").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<TimeRelation>,
    /// The weekday written beside the date is not that date's weekday.
    #[serde(default, skip_serializing_if = "is_false")]
    pub weekday_mismatch: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<Correction>,
    /// The written date does not exist (31 February).
    #[serde(default, skip_serializing_if = "is_false")]
    pub invalid_date: bool,
    /// One of a list of days sharing a month ("12, 13 dan 14 Mei").
    #[serde(default, skip_serializing_if = "is_false")]
    pub list: bool,
    /// The time zone written beside a clock time (WIB, WITA, WIT, UTC, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

impl TimeMention {
    /// A mention with no attributes beyond its type and value.
    pub fn new(text: String, start: usize, end: usize, kind: TimeKind, value: String) -> Self {
        TimeMention {
            text,
            start,
            end,
            kind,
            value,
            precision: None,
            resolved: true,
            anchor: None,
            modifier: None,
            quant: None,
            freq: None,
            relation: None,
            weekday_mismatch: false,
            corrected: None,
            invalid_date: false,
            list: false,
            timezone: None,
        }
    }
}

names! {
    /// How a quote is given.
    pub enum QuoteKind {
        /// Between quote marks.
        Direct = "direct",
        /// A sentence with a quoted part attributed as a whole ("Hubungan itu “…,” tulis X").
        Mixed = "mixed",
        /// Indirect speech: "X mengatakan bahwa …", "menurut X, …".
        Reported = "reported",
    }
}

names! {
    /// How a quote's speaker was found.
    pub enum SpeakerResolution {
        /// A name (or a known entity) written in the attribution.
        Named = "named",
        /// An agency or outlet, or a document of one ("laporan KCNA").
        Outlet = "outlet",
        /// A description of an unnamed speaker.
        Described = "description",
        /// A pronoun ("ia", "dia") pointing to the last speaker.
        Pronoun = "pronoun",
        /// A clitic on the cue ("katanya") pointing to the last speaker.
        Clitic = "clitic",
        /// A title or definite description ("Presiden", "pejabat itu") pointing to the last speaker.
        Title = "title",
        /// No attribution in the sentence: the last speaker carries over (quote paragraphs in a row).
        CarryOver = "carry_over",
    }
}

names! {
    /// What kind of thing a quote's speaker is.
    pub enum SpeakerKind {
        Person = "person",
        Organisation = "organisation",
        Outlet = "outlet",
    }
}

/// The cue that decides a quote's status, and whether a negation stands before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCue {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub negated: bool,
}

/// A quotation or reported statement with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Canonical entity name, or a description of an unnamed speaker, or null.
    pub speaker: Option<String>,
    pub speaker_entity: Option<String>,
    /// The agency or outlet the quote came through.
    pub via: Option<String>,
    pub kind: QuoteKind,
    /// The speech verb or "menurut" that attributes it, or null.
    pub cue: Option<TextSpan>,
    /// How sure the text is of what is said.
    pub status: Status,
    pub status_cue: Option<StatusCue>,
    /// The pieces of a quote broken by its attribution (empty when it is one piece).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Span>,
    /// The closing mark is missing: the quote runs to the end of its paragraph.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unclosed: bool,
    /// Where the speaker is written, or null (carried over, or no speaker).
    pub speaker_span: Option<TextSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_resolution: Option<SpeakerResolution>,
    /// The speaker's role or office as written ("juru bicara").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_role: Option<String>,
    /// The description of an unnamed speaker ("seorang pejabat").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_kind: Option<SpeakerKind>,
    /// The speaker is not named on purpose ("sumber yang enggan disebut namanya").
    #[serde(default, skip_serializing_if = "is_false")]
    pub anonymous: bool,
}

names! {
    /// The event typology (`../shared/data/events-gold/GUIDELINE.md`): one type per event.
    pub enum EventType {
        Accusation = "accusation",
        Agreement = "agreement",
        Aid = "aid",
        Announcement = "announcement",
        Appointment = "appointment",
        ArmsTransfer = "arms_transfer",
        Arrest = "arrest",
        Attack = "attack",
        Charge = "charge",
        Death = "death",
        Demand = "demand",
        Denial = "denial",
        Disaster = "disaster",
        Dismissal = "dismissal",
        Economic = "economic",
        Election = "election",
        Investigation = "investigation",
        Invitation = "invitation",
        Launch = "launch",
        Meeting = "meeting",
        MilitaryActivity = "military_activity",
        Policy = "policy",
        Protest = "protest",
        Sanction = "sanction",
        Statement = "statement",
        Threat = "threat",
        Trial = "trial",
        Veto = "veto",
        Visit = "visit",
        /// Outside the typology's types (gold sets use it; warta does not emit it).
        Other = "other",
    }
}

names! {
    /// How sure the text is that something happened or holds (the rules and their order:
    /// [`crate::status`]).
    pub enum Status {
        /// Stated as fact or explicitly confirmed ("telah dikonfirmasi", "membenarkan").
        Confirmed = "confirmed",
        /// Passed on from someone else with no stronger cue ("dilaporkan", "menurut").
        Reported = "reported",
        /// Not yet happened: planned or expected ("akan", "direncanakan", "sedang dipersiapkan").
        Planned = "planned",
        /// A guess or hedge ("mungkin", "kemungkinan", "diperkirakan", "berspekulasi").
        Speculated = "speculated",
        /// Someone says it is not so ("membantah", "menyangkal").
        Denied = "denied",
        /// Explicitly not confirmed ("belum dikonfirmasi", "tidak dapat dikonfirmasi").
        Unconfirmed = "unconfirmed",
        /// Depends on a condition ("jika", "apabila").
        Conditional = "conditional",
    }
}

names! {
    /// How sure the sources are that an event happened, or that it is background.
    pub enum EventStatus {
        Confirmed = "confirmed",
        Reported = "reported",
        Planned = "planned",
        Speculated = "speculated",
        Denied = "denied",
        Unconfirmed = "unconfirmed",
        Conditional = "conditional",
        /// A past event the article recalls, not its news (`claim_status` keeps what the text says).
        Background = "background",
    }
}

impl From<Status> for EventStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Confirmed => EventStatus::Confirmed,
            Status::Reported => EventStatus::Reported,
            Status::Planned => EventStatus::Planned,
            Status::Speculated => EventStatus::Speculated,
            Status::Denied => EventStatus::Denied,
            Status::Unconfirmed => EventStatus::Unconfirmed,
            Status::Conditional => EventStatus::Conditional,
        }
    }
}

names! {
    /// Where an event's date came from.
    pub enum DateSource {
        /// A time expression near the trigger.
        Time = "time",
        /// The article's reference (publication) day: the text gives no date, and the event is
        /// told as the news of the day (a statement made on the day of the report, a happening
        /// done or reported with no date of its own).
        Reference = "reference",
        /// A relative expression that could not be pinned ("beberapa waktu lalu").
        Relative = "relative",
        /// A time expression that could not be resolved.
        Unresolved = "unresolved",
        /// No date.
        None = "none",
    }
}

/// The entity ids in each role of an event (a role with no one is left out of the JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agent: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patient: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub destination: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipient: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counterpart: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub place: Vec<String>,
}

/// A typed event frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub date: Option<String>,
    pub participants: Vec<String>,
    pub place: Option<String>,
    pub status: EventStatus,
    pub evidence: Span,
    /// The word or phrase that names the event.
    pub trigger: TextSpan,
    /// Canonical names of `participants`, aligned with them.
    pub participant_names: Vec<String>,
    /// Gazetteer keys of `participants`, aligned with them (null where not curated).
    pub participant_kb: Vec<Option<String>>,
    pub roles: Roles,
    /// The entity id of `place`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_entity: Option<String>,
    /// The gazetteer key of `place`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_kb: Option<String>,
    /// The cue that decides the status ("akan", "membantah").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_cue: Option<TextSpan>,
    pub date_source: DateSource,
    /// The last day of a range ("12–14 Mei").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<String>,
    /// The time expression as written when it could not be pinned (`date` is null).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// Every sentence that reports this event, when there are several.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_all: Vec<Span>,
    /// The trigger is negated ("tidak bertemu").
    #[serde(default, skip_serializing_if = "is_false")]
    pub negated: bool,
    /// Read from a photo caption.
    #[serde(default, skip_serializing_if = "is_false")]
    pub from_caption: bool,
    /// The participants come from the sentences before (no one is named in this one).
    #[serde(default, skip_serializing_if = "is_false")]
    pub participants_from_context: bool,
    /// Said to have happened ("diduga", "dituduh").
    #[serde(default, skip_serializing_if = "is_false")]
    pub alleged: bool,
    /// What the text says of a background event (its `status` is `background`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_status: Option<EventStatus>,
    /// A past event the article recalls, not its news.
    #[serde(default, skip_serializing_if = "is_false")]
    pub background: bool,
}

impl Event {
    /// An undated event with no participants, its trigger the start of `evidence` (for
    /// building events by hand: tests, converters).
    pub fn new(kind: EventType, status: EventStatus, evidence: Span) -> Self {
        Event {
            kind,
            date: None,
            participants: Vec::new(),
            place: None,
            status,
            evidence,
            trigger: TextSpan { text: String::new(), start: evidence.start, end: evidence.start },
            participant_names: Vec::new(),
            participant_kb: Vec::new(),
            roles: Roles::default(),
            place_entity: None,
            place_kb: None,
            status_cue: None,
            date_source: DateSource::None,
            date_end: None,
            date_text: None,
            evidence_all: Vec::new(),
            negated: false,
            from_caption: false,
            participants_from_context: false,
            alleged: false,
            claim_status: None,
            background: status == EventStatus::Background,
        }
    }
}

names! {
    /// How much a diagnostic matters.
    pub enum Level {
        Info = "info",
        Warning = "warning",
    }
}

names! {
    /// The stable machine code of a diagnostic.
    pub enum DiagnosticCode {
        BodyFallback = "body_fallback",
        BomRemoved = "bom_removed",
        CharsetGuessed = "charset_guessed",
        DecodedUtf16 = "decoded_utf16",
        DecodedWindows1252 = "decoded_windows_1252",
        InvalidBytes = "invalid_bytes",
        InvalidUtf16Replaced = "invalid_utf16_replaced",
        InvalidUtf8Replaced = "invalid_utf8_replaced",
        LanguageMismatch = "language_mismatch",
        LanguageUndetermined = "language_undetermined",
        NoBody = "no_body",
        NoMainText = "no_main_text",
        NoPublicationDate = "no_publication_date",
        NotIndonesian = "not_indonesian",
        OutletFromUrl = "outlet_from_url",
        PagesJoined = "pages_joined",
        PublishedUnreadable = "published_unreadable",
        ReferenceDateInferred = "reference_date_inferred",
        SummaryOnly = "summary_only",
        TruncatedGzip = "truncated_gzip",
    }
}

/// Something the engine wants the user to know about one article: it never stops the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: Level,
    /// A stable machine code, e.g. `decoded_windows_1252`.
    pub code: DiagnosticCode,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(code: DiagnosticCode, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, code, message: message.into() }
    }
    pub fn info(code: DiagnosticCode, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Info, code, message: message.into() }
    }
}

/// A body paragraph with its place in the decoded text.
///
/// A paragraph is usually one contiguous span; when chrome sat inside it (an inline
/// "(Baca juga: ...)" aside, a glued credit) it is several spans joined by a space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    pub spans: Vec<Span>,
}

/// A photo caption kept apart from the body (evidence of what the photo shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The credit line that followed it, if any ("Foto: X/Reuters").
    pub credit: Option<String>,
}

/// The analysis of one article: the line `warta analyze` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub source: String,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub published: Option<Published>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    pub body: Vec<String>,
    pub removed: Vec<Removed>,
    pub entities: Vec<Entity>,
    pub times: Vec<TimeMention>,
    pub quotes: Vec<Quote>,
    pub sources: Vec<String>,
    pub events: Vec<Event>,
    // ---- extensions beyond the minimum contract ----
    /// Body paragraphs with their byte spans in the decoded text.
    pub paragraphs: Vec<Paragraph>,
    /// Photo captions (deduplicated), with their credits.
    pub captions: Vec<Caption>,
    /// Photo and source credits found in the page ("Sputnik", "Yuri Maltsev/Reuters").
    pub credits: Vec<String>,
    /// Disclaimers the page carries (e.g. machine-translated versions).
    pub disclaimers: Vec<String>,
    /// The encoding the bytes were decoded from.
    pub encoding: String,
    /// Notes about this article (decoding repairs, unsure metadata).
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// An analysis of `source` that found nothing yet (UTF-8, every list empty): a start for
    /// tests and for programs that build analyses field by field.
    pub fn empty(source: impl Into<String>) -> Analysis {
        Analysis {
            source: source.into(),
            outlet: None,
            dateline: None,
            published: None,
            title: None,
            authors: vec![],
            editors: vec![],
            body: vec![],
            removed: vec![],
            entities: vec![],
            times: vec![],
            quotes: vec![],
            sources: vec![],
            events: vec![],
            paragraphs: vec![],
            captions: vec![],
            credits: vec![],
            disclaimers: vec![],
            encoding: "utf-8".into(),
            diagnostics: vec![],
        }
    }
}

names! {
    /// The coarse entity types every tagger and resolver agrees on.
    pub enum EntityKind {
        Per = "PER",
        Org = "ORG",
        Loc = "LOC",
    }
}

/// A span the entity tagger (`ner`) recognised, before alias merging (`entities`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NerMention {
    pub span: Span,
    pub kind: EntityKind,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use std::fmt::Debug;

    /// Every variant's serde name is its `as_str`, and `parse` reads it back.
    fn names_agree<T: Copy + Serialize + DeserializeOwned + PartialEq + Debug>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        assert!(!all.is_empty());
        for &v in all {
            let json = serde_json::to_value(v).unwrap();
            assert_eq!(json, serde_json::Value::String(as_str(v).to_string()));
            assert_eq!(serde_json::from_value::<T>(json).unwrap(), v);
            assert_eq!(parse(as_str(v)), Some(v));
        }
        assert_eq!(parse("no-such-name"), None);
    }

    #[test]
    fn contract_names_round_trip() {
        names_agree(Precision::ALL, Precision::as_str, Precision::parse);
        names_agree(RemovalReason::ALL, RemovalReason::as_str, RemovalReason::parse);
        names_agree(EntityKind::ALL, EntityKind::as_str, EntityKind::parse);
        names_agree(Subtype::ALL, Subtype::as_str, Subtype::parse);
        names_agree(FoundBy::ALL, FoundBy::as_str, FoundBy::parse);
        names_agree(Relation::ALL, Relation::as_str, Relation::parse);
        names_agree(TimeKind::ALL, TimeKind::as_str, TimeKind::parse);
        names_agree(TimePrecision::ALL, TimePrecision::as_str, TimePrecision::parse);
        names_agree(TimeMod::ALL, TimeMod::as_str, TimeMod::parse);
        names_agree(TimeRelation::ALL, TimeRelation::as_str, TimeRelation::parse);
        names_agree(QuoteKind::ALL, QuoteKind::as_str, QuoteKind::parse);
        names_agree(SpeakerResolution::ALL, SpeakerResolution::as_str, SpeakerResolution::parse);
        names_agree(SpeakerKind::ALL, SpeakerKind::as_str, SpeakerKind::parse);
        names_agree(EventType::ALL, EventType::as_str, EventType::parse);
        names_agree(EventStatus::ALL, EventStatus::as_str, EventStatus::parse);
        names_agree(Status::ALL, Status::as_str, Status::parse);
        names_agree(DateSource::ALL, DateSource::as_str, DateSource::parse);
        names_agree(Quant::ALL, Quant::as_str, Quant::parse);
        names_agree(Correction::ALL, Correction::as_str, Correction::parse);
        names_agree(Level::ALL, Level::as_str, Level::parse);
        names_agree(DiagnosticCode::ALL, DiagnosticCode::as_str, DiagnosticCode::parse);
    }

    #[test]
    fn every_relation_has_its_own_slot() {
        let mut links = Links::default();
        for (i, &r) in Relation::ALL.iter().enumerate() {
            links.set(r, Link { kb: format!("k{i}"), name: None, entity: None });
        }
        for (i, &r) in Relation::ALL.iter().enumerate() {
            assert_eq!(links.get(r).map(|l| l.kb.as_str()), Some(format!("k{i}").as_str()));
        }
        // each relation is a key of the entity's JSON
        let json = serde_json::to_value(&links).unwrap();
        for &r in Relation::ALL {
            assert!(json.get(r.as_str()).is_some(), "{r}");
        }
    }

    #[test]
    fn an_analysis_reads_back_as_written() {
        // Own text: a dated visit, a quote with its speaker, an approximate time, a place.
        let text = "JAKARTA - Menteri Luar Negeri Sugiono mengunjungi Tokyo pada Senin (3/3/2025) untuk \
                    bertemu Perdana Menteri Jepang. \"Kami membahas kerja sama,\" kata Sugiono. Pertemuan \
                    berlangsung sekitar dua jam dan rencananya akan dilanjutkan pekan depan.";
        let decoded = crate::decode(text.as_bytes()).unwrap();
        let opts = crate::Options { reference_date: "2025-03-04".parse().ok() };
        let a = crate::analyze("own.txt", &decoded, &opts);
        assert!(!a.entities.is_empty() && !a.times.is_empty() && !a.quotes.is_empty() && !a.events.is_empty());
        let json = serde_json::to_string(&a).unwrap();
        let back: Analysis = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
    }
}
