//! The parts of the OpenAPI document that no single handler annotation owns:
//! the document's head, the answers every route gives because of the
//! extractors and middleware it passes through, and schemas a derive gets
//! wrong.
//!
//! A handler annotation lists what its route decides (its success, its 404,
//! its 409, the 422 of its rules). What the door and the extractors decide is
//! added here, from facts the annotation already states, so it cannot be
//! forgotten on a new route:
//!
//! * every route reads an `Authorization: Bearer` token if one is sent, and
//!   answers 401 when it is not valid — so a route without `security` takes
//!   the token optionally;
//! * a route with `security(("api_token" = []))` takes [`crate::auth::SignedIn`]:
//!   401 without credentials, 403 when the policy, a read-only token or the
//!   cross-site rules refuse;
//! * a route with a request body takes [`super::extract::ApiJson`]: 400 for
//!   malformed JSON, 413 for a body over [`crate::MAX_BODY_BYTES`], 415 for
//!   another content type, 422 for JSON that does not fit the schema;
//! * every error answer is a [`Problem`] as `application/problem+json`.

use utoipa::openapi::content::Content;
use utoipa::openapi::header::Header;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::{
    AdditionalProperties, AnyOfBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

use super::problem::Problem;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Knotenpunkt API",
        description = "The directory of networks of municipalities: organisations, networks, cohorts, memberships and cooperations, and their meeting series. Reads answer what the caller may see (anonymous callers: what is public); writes need a personal API token with scope `write` (`Authorization: Bearer kp_…`, created on one's account page) and a role that allows them. Errors are `application/problem+json` (RFC 9457) and name the field. A body that fits its schema can still be refused with 422 for a rule the schema cannot state: a slug or id that names nothing, or a rule across fields (`left_on` before `joined_on`, a recurrence rule that gives no meeting); the problem names the field. Whole numbers are written without a fraction (`90`, not `90.0`).",
        license(name = "EUPL-1.2")
    ),
    modifiers(&BearerAuth),
    components(schemas(Problem)),
    tags(
        (name = "organizations", description = "Cities, counties, cooperations, research institutes, companies, regions"),
        (name = "networks", description = "Networks and their published member counts"),
        (name = "cohorts", description = "Cohorts (Staffeln) of a network"),
        (name = "memberships", description = "Who is in which network since when"),
        (name = "cooperations", description = "Cooperation agreements between organisations"),
        (name = "funding", description = "Funding calls (Förderaufrufe) that a network's coordinators record, open ones by deadline; joint applications with their statuses and the partners' tasks"),
        (name = "events", description = "Workshops, Fachtagungen and online seminars with seats and a waiting list: register, cancel, and the next on the list moves up"),
        (name = "groups", description = "Named groups of a network, for items visible to `group:<slug>`; coordinators only"),
        (name = "working-groups", description = "Working groups (Arbeitsgruppen) of a network: purpose, lead and taking-part organisations, joining or asking to join, and the leads' answer"),
        (name = "account", description = "Your own account: which reminder mails come"),
        (name = "series", description = "Meeting series with rotating hosts, their meetings, manual changes, agenda points, minutes and attendance"),
        (name = "lounge", description = "The After Work Lounge, members only: a series' lounge settings, who checked in to an evening, rounds of breakout rooms, late joiners, and who has met whom"),
        (name = "knowledge", description = "Projects and experiences (lessons learned) of organisations, with comments and follow-up questions; experiences shared with a network or group exist only for its readers"),
        (name = "search", description = "Full-text search (German and English) across what the caller may see, with facets and snippets"),
    )
)]
pub(super) struct ApiDoc;

/// The one way to authenticate: a personal API token.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut bearer = Http::new(HttpAuthScheme::Bearer);
        bearer.description =
            Some("A personal API token (`kp_…`), created on one's account page".into());
        components.add_security_scheme("api_token", SecurityScheme::Http(bearer));
    }
}

/// Adds the answers of the door and the extractors (see the module docs)
/// to the document of all routes.
pub(super) fn complete(openapi: &mut utoipa::openapi::OpenApi) {
    for item in openapi.paths.paths.values_mut() {
        for op in operations(item) {
            door_answers(op);
            if op.request_body.is_some() {
                body_answers(op);
            }
            problems_as_problems(op);
        }
    }
    if let Some(components) = openapi.components.as_mut() {
        closed_variants(components.schemas.get_mut("ExceptionChange"));
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}

/// Adds `description` under `status` unless the route's annotation says more.
fn answer(op: &mut Operation, status: u16, description: &str) {
    op.responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| RefOr::T(Response::new(description)));
}

fn door_answers(op: &mut Operation) {
    let signed_in = op
        .security
        .as_ref()
        .is_some_and(|s| s.iter().any(|r| *r != SecurityRequirement::default()));
    if signed_in {
        answer(
            op,
            401,
            "Not signed in: no token or session was sent, or the bearer token is not valid (revoked, expired or mistyped).",
        );
        answer(
            op,
            403,
            "Refused: your role does not allow this, the token has scope `read`, or (with a session cookie) the form token is missing or the request came from another site.",
        );
    } else {
        // Anyone may call it; a token, if sent, must be valid.
        op.security = Some(vec![
            SecurityRequirement::default(),
            SecurityRequirement::new("api_token", Vec::<String>::new()),
        ]);
        answer(
            op,
            401,
            "The bearer token sent is not valid (revoked, expired or mistyped); without a token the route answers as for anonymous visitors.",
        );
    }
    if let Some(RefOr::T(r)) = op.responses.responses.get_mut("401") {
        r.headers
            .entry("WWW-Authenticate".into())
            .or_insert_with(|| {
                let mut h = Header::new(ObjectBuilder::new().schema_type(Type::String));
                h.description = Some("`Bearer`".into());
                h
            });
    }
}

fn body_answers(op: &mut Operation) {
    answer(
        op,
        400,
        "The body is not JSON (the problem says where it stops being JSON).",
    );
    answer(
        op,
        413,
        "The body is larger than 1 MiB. Plain text when `Content-Length` announced it, a problem otherwise.",
    );
    answer(
        op,
        415,
        "The body was not sent as `Content-Type: application/json`.",
    );
    answer(
        op,
        422,
        "The body does not fit the schema, or breaks a rule the schema cannot state; `errors` names each field.",
    );
}

/// Every error answer of the API is a [`Problem`]; only an oversized body
/// announced by `Content-Length` is refused (as plain text) before the API
/// sees it.
fn problems_as_problems(op: &mut Operation) {
    for (status, response) in op.responses.responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        if response.description.is_empty() {
            response.description = status
                .parse()
                .ok()
                .and_then(|s| axum::http::StatusCode::from_u16(s).ok())
                .and_then(|s| s.canonical_reason())
                .unwrap_or_default()
                .to_owned();
        }
        if status.as_str() < "400" || !response.content.is_empty() {
            continue;
        }
        response.content.insert(
            "application/problem+json".into(),
            Content::new(Some(Ref::from_schema_name(Problem::name()))),
        );
        if status == "413" {
            response.content.insert(
                "text/plain".into(),
                Content::new(Some(ObjectBuilder::new().schema_type(Type::String))),
            );
        }
    }
}

/// serde's `deny_unknown_fields` on an internally tagged enum holds for each
/// variant; utoipa leaves it out of the variants' schemas.
fn closed_variants(schema: Option<&mut RefOr<Schema>>) {
    if let Some(RefOr::T(Schema::OneOf(one_of))) = schema {
        for variant in &mut one_of.items {
            if let RefOr::T(Schema::Object(o)) = variant {
                o.additional_properties = Some(Box::new(AdditionalProperties::FreeForm(false)));
            }
        }
    }
}

/// The schema of `T` as answers carry it with the id that addresses it
/// (`#[serde(flatten)]` beside an `id`): `T`'s own object with `id` among
/// its fields. `T`'s schema is closed (`additionalProperties: false`,
/// because a request may not carry unknown fields); the answer's is not,
/// so that a field added later does not break clients.
pub(super) fn with_id<T: PartialSchema>(description: &str, id: &str) -> RefOr<Schema> {
    let mut schema = T::schema();
    if let RefOr::T(Schema::Object(o)) = &mut schema {
        o.properties.insert(
            "id".into(),
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .description(Some(id))
                .into(),
        );
        o.required.insert(0, "id".into());
        o.description = Some(description.into());
        o.additional_properties = None;
    }
    schema
}

/// A query filter: a value of `T`, or empty for no filter (`?state=` means
/// the same as no `state`).
pub(super) fn filter<T: ToSchema>() -> RefOr<Schema> {
    AnyOfBuilder::new()
        .item(Ref::from_schema_name(T::name()))
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some([""])),
        )
        .into()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use knotenpunkt_domain::{HolidayRule, HostingKind, OrgKind, Role, RotationOrder, State};

    fn doc() -> Value {
        serde_json::to_value(super::super::openapi()).unwrap()
    }

    fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
        let mut ops = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                ops.push((method.clone(), path.clone(), op));
            }
        }
        ops
    }

    /// The enum of the component schema `name`, as the wire spells it.
    fn documented(doc: &Value, name: &str) -> Value {
        doc["components"]["schemas"][name]["enum"].clone()
    }

    #[test]
    fn vocabularies_are_documented_as_sent() {
        let doc = doc();
        assert_eq!(
            documented(&doc, "State"),
            serde_json::to_value(State::ALL).unwrap()
        );
        assert_eq!(
            documented(&doc, "OrgKind"),
            serde_json::to_value(OrgKind::ALL).unwrap()
        );
        assert_eq!(
            documented(&doc, "Role"),
            serde_json::to_value(Role::ALL).unwrap()
        );
        assert_eq!(
            documented(&doc, "HolidayRule"),
            serde_json::to_value(HolidayRule::ALL).unwrap()
        );
        assert_eq!(
            documented(&doc, "HostingKind"),
            serde_json::to_value(HostingKind::ALL).unwrap()
        );
        assert_eq!(
            documented(&doc, "RotationOrder"),
            serde_json::to_value(RotationOrder::ALL).unwrap()
        );
        assert_eq!(documented(&doc, "Role")[0], "member");
    }

    #[test]
    fn operation_ids_are_unique() {
        let doc = doc();
        let mut seen = std::collections::BTreeMap::new();
        for (method, path, op) in operations(&doc) {
            let id = op["operationId"].as_str().unwrap().to_owned();
            if let Some(other) = seen.insert(id.clone(), format!("{method} {path}")) {
                panic!("{method} {path} and {other} share the operationId {id}");
            }
        }
    }

    #[test]
    fn the_door_and_the_extractors_answer_on_every_route() {
        let doc = doc();
        for (method, path, op) in operations(&doc) {
            let responses = op["responses"].as_object().unwrap();
            let has = |status: &str| responses.contains_key(status);
            assert!(
                has("401"),
                "{method} {path}: a bad token is a 401 everywhere"
            );
            if method != "get" {
                assert!(has("403"), "{method} {path}: writes can be refused");
            }
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(
                        has(status),
                        "{method} {path}: a body can be refused with {status}"
                    );
                }
            }
            for (status, response) in responses {
                assert!(
                    !response["description"].as_str().unwrap().is_empty(),
                    "{method} {path} {status}: no description"
                );
                if status.as_str() >= "400" {
                    assert!(
                        response["content"]["application/problem+json"]["schema"]["$ref"]
                            == "#/components/schemas/Problem",
                        "{method} {path} {status}: not a problem"
                    );
                }
            }
        }
    }

    #[test]
    fn answers_with_an_id_describe_the_id_and_requests_stay_closed() {
        let doc = doc();
        let schemas = &doc["components"]["schemas"];
        for (answer, request) in [
            ("MembershipOut", "Membership"),
            ("CooperationOut", "Cooperation"),
        ] {
            let out = &schemas[answer];
            assert_eq!(out["properties"]["id"]["type"], "integer", "{answer}");
            assert!(out["required"].as_array().unwrap().contains(&"id".into()));
            assert!(out.get("additionalProperties").is_none(), "{answer}");
            assert_eq!(schemas[request]["additionalProperties"], false, "{request}");
            for field in schemas[request]["properties"].as_object().unwrap().keys() {
                assert!(
                    out["properties"].get(field).is_some(),
                    "{answer} lacks {field}"
                );
            }
        }
    }

    #[test]
    fn every_variant_of_an_exception_rejects_unknown_fields() {
        let doc = doc();
        for variant in doc["components"]["schemas"]["ExceptionChange"]["oneOf"]
            .as_array()
            .unwrap()
        {
            assert_eq!(variant["additionalProperties"], false, "{variant}");
        }
    }
}
