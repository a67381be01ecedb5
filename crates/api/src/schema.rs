//! OpenAPI schemas for the values whose Rust types do not describe their
//! wire rules by themselves: `"all"`-or-list access, and the patterns that
//! say exactly which strings the server accepts (so a fuzzer's "valid"
//! request is one the server takes, and its "invalid" one is refused).

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    ArrayBuilder, Object, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type,
};

/// Rust's `char::is_whitespace` (Unicode White_Space): what `trim` removes.
const SPACE: &str = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/// `char::is_control`.
const CONTROL: &str = r"\x00-\x1f\x7f-\x9f";
/// Zero-width and bidi-override characters (roster-model's `is_invisible`).
const INVISIBLE: &str = r"\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff";

/// Text that, trimmed, is 1–`max` characters, none of them `forbidden`.
fn trimmed_pattern(max: usize, forbidden: &str) -> String {
    let edge = format!("[^{SPACE}{forbidden}]");
    let inner = format!("[^{forbidden}]");
    format!(
        "^[{SPACE}]*(?:{edge}|{edge}{inner}{{0,{}}}{edge})[{SPACE}]*$",
        max - 2
    )
}

fn text(pattern: String, max: Option<usize>, nullable: bool) -> Object {
    let kind = if nullable {
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::Type(Type::String)
    };
    ObjectBuilder::new()
        .schema_type(kind)
        .max_length(max)
        .pattern(Some(pattern))
        .build()
}

/// A person's display name: trimmed, 1–100 characters, no control
/// characters.
pub fn person_name() -> Object {
    text(trimmed_pattern(100, CONTROL), None, false)
}

/// The most characters a display name may have before trimming
/// (roster-model's bound on the work done for hostile input).
const UNTRIMMED: usize = 64 * 4 + 64;

/// A workspace's name: trimmed, 1–64 characters, no control or invisible
/// characters.
pub fn workspace_name() -> Object {
    workspace_name_or_null(false)
}

/// A workspace's new name in a settings patch (absent or null: unchanged).
pub fn new_workspace_name() -> Object {
    workspace_name_or_null(true)
}

fn workspace_name_or_null(nullable: bool) -> Object {
    let forbidden = format!("{CONTROL}{INVISIBLE}");
    text(trimmed_pattern(64, &forbidden), Some(UNTRIMMED), nullable)
}

/// A domain name the server accepts (a subset: ASCII labels, no `--`).
const DOMAIN: &str = r"[A-Za-z0-9]{1,20}(-[A-Za-z0-9]{1,10}){0,2}(\.[A-Za-z0-9]{1,20}(-[A-Za-z0-9]{1,10}){0,2}){0,2}\.[A-Za-z]{2,12}";

/// The address a person signs up with.
pub fn signup_email() -> Object {
    let pattern = format!(r"^[A-Za-z0-9_+-]{{1,20}}(\.[A-Za-z0-9_+-]{{1,20}}){{0,2}}@{DOMAIN}$");
    text(pattern, Some(254), false)
}

/// A settings-patch value that `value` sets and empty text clears; the
/// server trims it first.
fn clearable(value: &str) -> Object {
    text(format!("^[{SPACE}]*({value})?[{SPACE}]*$"), None, true)
}

/// A workspace's new logo address.
pub fn new_logo_url() -> Object {
    clearable("https?://[!-~]{1,2000}")
}

/// A workspace's new colour, `#rrggbb`.
pub fn new_colour() -> Object {
    clearable("#[0-9A-Fa-f]{6}")
}

/// A workspace's new company domain.
pub fn new_domain() -> Object {
    clearable(DOMAIN)
}

/// `"all"` or a list of items: `item` is (pattern, min length, max length),
/// `max_items` the longest list.
fn access(
    item: (&str, Option<usize>, Option<usize>),
    max_items: Option<usize>,
    what: &str,
) -> RefOr<Schema> {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["all"]))
                .description(Some(format!("Every {what}"))),
        )
        .item(
            ArrayBuilder::new()
                .items(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .pattern(Some(item.0))
                        .min_length(item.1)
                        .max_length(item.2),
                )
                .max_items(max_items)
                .description(Some(format!("Only these {what}s"))),
        )
        .into()
}

/// `"all"` or a list of feature keys (lower snake case, 1–48 characters).
pub struct FeatureAccessSchema;

impl utoipa::PartialSchema for FeatureAccessSchema {
    fn schema() -> RefOr<Schema> {
        access(("^[a-z](?:_?[a-z0-9])*$", None, Some(48)), None, "feature")
    }
}

impl utoipa::ToSchema for FeatureAccessSchema {}

/// `"all"` or a list of at most 500 resource ids (opaque strings of the host
/// product, 1–200 characters).
pub struct ResourceAccessSchema;

impl utoipa::PartialSchema for ResourceAccessSchema {
    fn schema() -> RefOr<Schema> {
        access(
            (
                r"^[^\x00]*$",
                Some(1),
                Some(roster_model::ResourceAccess::MAX_ID),
            ),
            Some(roster_model::ResourceAccess::MAX_IDS),
            "resource",
        )
    }
}

impl utoipa::ToSchema for ResourceAccessSchema {}

/// An ISO 3166 alpha-2 code as typed (case and surrounding spaces do not
/// matter).
pub struct CountryCode;

impl utoipa::PartialSchema for CountryCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^ *[A-Za-z]{2} *$"))
            .into()
    }
}

impl utoipa::ToSchema for CountryCode {}

/// A permission name from the catalogue (the authorization API's `action`).
pub fn permission_name() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(roster_model::Permission::ALL.iter().map(|p| p.name())))
        .build()
}

/// A host product's resource id: 1–200 characters, no control characters
/// (absent or null: no resource).
pub fn resource_id() -> Object {
    text(format!("^[^{CONTROL}]{{1,200}}$"), None, true)
}

/// An id the caller names in a body (a workspace, a member, a user): 1–64
/// characters, no control characters.
pub fn opaque_id() -> Object {
    text(format!("^[^{CONTROL}]{{1,64}}$"), None, false)
}

/// The same, or null / absent.
pub fn optional_opaque_id() -> Object {
    text(format!("^[^{CONTROL}]{{1,64}}$"), None, true)
}
