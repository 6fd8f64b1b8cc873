//! The one place that decides "may actor X do action Y (to Z)" in
//! Knotenpunkt.
//!
//! Architecture Invariant: this crate is pure and stands alone. It does no
//! I/O, reads no clock, knows no database, no HTTP and no async, and depends
//! on no other Knotenpunkt crate; networks, groups and organisations are
//! plain `String` slugs. The caller loads an [`Actor`] once per request and
//! describes what is asked for as an [`Action`]; [`decide`] answers. Keeping
//! every rule here, and nowhere in handlers or queries, is what lets the
//! rules be read as one table (below) and checked by property tests
//! (monotone in role, admin is a superset, read tokens never write, the SQL
//! filter agrees with the policy).
//!
//! The pieces:
//!
//! * [`NetworkRole`], [`Visibility`] and [`Scope`]: the vocabularies, each
//!   with one text form for `Display`, `FromStr` and serde.
//! * [`Actor`]: who asks. [`Item`]: where a readable thing lives and who may
//!   see it. [`Action`]: what is asked for.
//! * [`decide`] → `Result<(), Denial>`; [`Denial`] says which HTTP answer to
//!   give. [`visible`] is the yes/no form of [`Action::See`].
//! * [`network_visibility_filter`] → [`SeeFilter`]: the See rule flattened
//!   into sets, for the storage layer to turn into `WHERE` clauses.
//!
//! # Rules
//!
//! Columns are the actor's standing in the network `N` the action is about
//! ("outsider": signed in, no role in `N`). `ok` = allowed; otherwise the
//! [`Denial`].
//!
//! | Action | Anonymous | Outsider | Guest | Partner | Member | Coordinator | Platform admin |
//! |---|---|---|---|---|---|---|---|
//! | `See` a `public` item | ok | ok | ok | ok | ok | ok | ok |
//! | `See` a `network` item of `N` | Hidden | Hidden | Hidden | ok | ok | ok | ok |
//! | `See` a `group:g` item of `N` | Hidden | ok if named in (`N`, g), else Hidden | same | same | same | ok | ok |
//! | `See` a `network`/`group:g` item owned by no network | Hidden | Hidden | Hidden | Hidden | Hidden | Hidden | ok |
//! | `SeeNetwork` `N`, `public` | ok | ok | ok | ok | ok | ok | ok |
//! | `SeeNetwork` `N`, not public | Hidden | as `See` of an item of `N` | ok | ok | ok | ok | ok |
//! | `ManagePlatform` | SignIn | Forbidden | Forbidden | Forbidden | Forbidden | Forbidden | ok |
//! | `ManageNetwork(N)`, `ViewAudit(N)`, `Invite { N, any role }` | SignIn | Forbidden | Forbidden | Forbidden | Forbidden | ok | ok |
//! | `Record { N }` (minutes, attendance) | SignIn | Forbidden | Forbidden | Forbidden | Forbidden | ok | ok |
//! | `Contribute { N }` (agenda point, follow) | SignIn | Forbidden | Forbidden | ok | ok | ok | ok |
//! | `DeclareUnavailable { N, o }` | SignIn | Forbidden | Forbidden | Forbidden | ok if `o` is the person's own organisation, else Forbidden | ok | ok |
//! | `EditOrganization(o)` | SignIn | ok if `o` in `editor_of`, else Forbidden | same | same | same | same | ok |
//! | `ManageOwnAccount` | SignIn | ok | ok | ok | ok | ok | ok |
//! | `Share { o, None }` (a public project or experience) | SignIn | ok if the person belongs to `o` or edits its profile, else Forbidden | same | same | same | same | ok |
//! | `Share { o, Some(N) }` | SignIn | Forbidden | Forbidden | ok if the person belongs to `o` or edits its profile, else Forbidden | same | same | ok |
//! | `Moderate { o, N }` (change, remove) | SignIn | ok if the person belongs to `o` or edits its profile, else Forbidden | same | same | same | ok | ok |
//! | `Comment(item)` | SignIn | ok if the person may `See` the item, else Forbidden | same | same | same | same | ok |
//! | `Register(item)` (oneself, for an event open to the item's audience) | SignIn | ok if the person may `See` the item, else Forbidden | same | same | same | same | ok |
//! | `RegisterByMail(item)` (by name and address, confirmed by a link) | ok if the item is `public`, else Hidden | same | same | same | same | same | ok |
//!
//! Across the table:
//!
//! * **Scope.** With a [`Scope::Read`] credential every `ok` in a row that
//!   is not a read (`See`, `SeeNetwork`, `ViewAudit`: see
//!   [`Action::is_read`]) becomes [`Denial::ReadOnly`]; everything else
//!   stays as it is. Scope
//!   is checked last, so a read token only learns it is read-only for
//!   actions the person may actually do.
//! * **Reads never say "sign in".** A refused `See`/`SeeNetwork` is always
//!   [`Denial::Hidden`] (answer 404), anonymous included, so nobody can
//!   probe whether a hidden item or network exists.
//! * **Anonymous has no rights.** An [`Actor`] without a person is treated
//!   as a plain visitor whatever its other fields say.
//! * **Coordinators do not edit member organisations' profiles**; that is
//!   `editor_of` only.
//! * **Coordinators may invite any role**, coordinator included: networks
//!   often have two coordinators.
//! * Outsider or member without the right both get
//!   [`Denial::Forbidden`]; whether the network may be seen at all is a
//!   separate `SeeNetwork` question the caller asks first.
//!
//! ```
//! use knotenpunkt_access::{Action, Actor, Denial, Item, NetworkRole, Scope, Visibility, decide};
//!
//! let member = Actor::signed_in(7)
//!     .with_role("kommunal-digital", NetworkRole::Member)
//!     .with_organization("musterstadt");
//! let minutes = Visibility::Network;
//! let item = Item { network: Some("kommunal-digital"), visibility: &minutes };
//!
//! assert_eq!(decide(&member, &Action::See(item)), Ok(()));
//! assert_eq!(decide(&Actor::anonymous(), &Action::See(item)), Err(Denial::Hidden));
//! assert_eq!(
//!     decide(&member, &Action::Record { network: "kommunal-digital" }),
//!     Err(Denial::Forbidden)
//! );
//! let unavailable = Action::DeclareUnavailable {
//!     network: "kommunal-digital",
//!     organization: "musterstadt",
//! };
//! assert_eq!(decide(&member, &unavailable), Ok(()));
//! assert_eq!(
//!     decide(&member.clone().with_scope(Scope::Read), &unavailable),
//!     Err(Denial::ReadOnly)
//! );
//! ```
#![deny(missing_docs)]

mod action;
mod actor;
mod filter;
mod policy;
mod vocab;

pub use action::{Action, Denial, Item};
pub use actor::Actor;
pub use filter::{SeeFilter, network_visibility_filter};
pub use policy::{decide, visible};
pub use vocab::{MAX_SLUG_LEN, NetworkRole, ParseError, Scope, Visibility};
