//! The OpenAPI 3.1 document at `GET /api/v1/openapi.json`, generated from the
//! handlers' `#[utoipa::path]` annotations and roster-api's schemas, plus
//! [`ROUTES`], the one list of mounted routes a test holds it against.

use super::{accounts, audit, authorize, health, invitations, members, outbox, workspaces};
use crate::state::AppState;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use roster_api::{FieldError, PROBLEM_CONTENT_TYPE, Problem};
use std::collections::BTreeMap;
use utoipa::OpenApi;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, Schema, response::Response};

/// Where the document is served (under the API prefix).
pub const OPENAPI_PATH: &str = "/openapi.json";

/// Every (method, full path) the router mounts, probes included. The
/// OpenAPI test fails when this, the router and the document disagree, so
/// a route added without documentation does not go unnoticed.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/api/v1/openapi.json"),
    ("post", "/api/v1/auth/signup"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/me"),
    ("put", "/api/v1/me/last-workspace"),
    ("get", "/api/v1/workspaces"),
    ("post", "/api/v1/workspaces"),
    ("get", "/api/v1/workspaces/{ws}"),
    ("patch", "/api/v1/workspaces/{ws}"),
    ("delete", "/api/v1/workspaces/{ws}"),
    ("post", "/api/v1/workspaces/{ws}/archive"),
    ("get", "/api/v1/workspaces/{ws}/config"),
    ("get", "/api/v1/workspaces/{ws}/config/{key}"),
    ("put", "/api/v1/workspaces/{ws}/config/{key}"),
    ("delete", "/api/v1/workspaces/{ws}/config/{key}"),
    ("get", "/api/v1/workspaces/{ws}/members"),
    ("patch", "/api/v1/workspaces/{ws}/members/{member}"),
    ("delete", "/api/v1/workspaces/{ws}/members/{member}"),
    ("post", "/api/v1/workspaces/{ws}/leave"),
    ("post", "/api/v1/workspaces/{ws}/ownership-transfer"),
    ("get", "/api/v1/workspaces/{ws}/invitations"),
    ("post", "/api/v1/workspaces/{ws}/invitations"),
    ("delete", "/api/v1/workspaces/{ws}/invitations/{id}"),
    ("post", "/api/v1/workspaces/{ws}/invitations/{id}/resend"),
    ("get", "/api/v1/workspaces/{ws}/invitations/{id}/link"),
    ("get", "/api/v1/invitations"),
    ("post", "/api/v1/invitations/{id}/accept"),
    ("post", "/api/v1/invitations/{id}/decline"),
    ("post", "/api/v1/invitations/accept"),
    ("get", "/api/v1/invitations/lookup"),
    ("get", "/api/v1/workspaces/{ws}/audit"),
    ("get", "/api/v1/workspaces/{ws}/outbox"),
    ("post", "/api/v1/authorize"),
    ("post", "/api/v1/authorize:batch"),
];

/// The document's root: every annotated handler and the shared schemas.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Roster API",
        description = "Workspaces, teams and access. Errors are RFC 9457 \
                       `application/problem+json`; unsafe methods need the \
                       `X-CSRF-Token` from `GET /api/v1/me`."
    ),
    paths(
        health::healthz,
        health::readyz,
        openapi_json,
        accounts::signup,
        accounts::login,
        accounts::logout,
        accounts::me,
        accounts::set_last_workspace,
        workspaces::list,
        workspaces::create,
        workspaces::read,
        workspaces::update,
        workspaces::delete,
        workspaces::archive,
        workspaces::list_config,
        workspaces::get_config,
        workspaces::put_config,
        workspaces::delete_config,
        members::list,
        members::update,
        members::remove,
        members::leave,
        members::transfer,
        invitations::invite,
        invitations::list,
        invitations::resend,
        invitations::link,
        invitations::revoke,
        invitations::mine,
        invitations::accept,
        invitations::decline,
        invitations::accept_by_token,
        invitations::lookup,
        audit::list,
        outbox::list,
        authorize::one,
        authorize::batch,
    ),
    components(schemas(Problem, FieldError, roster_api::audit::AuditFormat)),
    tags(
        (name = "accounts", description = "Sign-up, log-in and the signed-in user"),
        (name = "workspaces", description = "Workspaces and their configuration"),
        (name = "members", description = "The team table"),
        (name = "invitations", description = "Inviting and answering invitations"),
        (name = "audit", description = "The audit log"),
        (name = "authorization", description = "Decisions for the host product"),
        (name = "health", description = "Probes"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

/// The route serving the document (mounted under the API prefix).
pub fn routes() -> Router<AppState> {
    Router::new().route(OPENAPI_PATH, get(openapi_json))
}

/// The OpenAPI 3.1 document of this server.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    summary = "This OpenAPI 3.1 document",
    responses((status = 200, description = "The document", content_type = "application/json"))
)]
pub async fn openapi_json(State(state): State<AppState>) -> Json<utoipa::openapi::OpenApi> {
    Json(document(&state))
}

/// The document, with what this deployment configures filled in: the
/// regions a workspace may be created in.
pub fn document(state: &AppState) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let regions: Vec<&str> = state.regions.list().iter().map(|r| r.as_str()).collect();
    let create = doc
        .components
        .as_mut()
        .and_then(|c| c.schemas.get_mut("CreateWorkspaceRequest"));
    if let Some(RefOr::T(Schema::Object(create))) = create
        && let Some(RefOr::T(Schema::Object(region))) = create.properties.get_mut("region")
    {
        region.enum_values = Some(regions.into_iter().map(Into::into).collect());
    }
    doc
}

fn problem_response(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_CONTENT_TYPE,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

fn problems(list: &[(u16, &str)]) -> BTreeMap<String, RefOr<Response>> {
    list.iter()
        .map(|(status, what)| (status.to_string(), problem_response(what)))
        .collect()
}

/// The problem answers of a signed-in endpoint.
pub struct Problems;

impl utoipa::IntoResponses for Problems {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        problems(&[
            (400, "Bad input; `errors` names each offending field"),
            (401, "Not signed in"),
            (
                403,
                "Not allowed (the body says which rule), or a missing CSRF token",
            ),
            (404, "Not found, or not visible to the caller"),
            (409, "Conflicts with the current state, e.g. the last owner"),
            (413, "The body is over the size limit"),
            (422, "Well-formed but refused by a rule"),
        ])
    }
}

/// The problem answers of sign-up and log-in (no session yet).
pub struct PublicProblems;

impl utoipa::IntoResponses for PublicProblems {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        problems(&[
            (400, "Bad input; `errors` names each offending field"),
            (401, "Wrong email and password pair"),
            (403, "Not a same-origin JSON request"),
            (409, "The email already has an account"),
            (413, "The body is over the size limit"),
            (422, "Well-formed but refused by a rule"),
            (429, "Too many attempts; see `Retry-After`"),
        ])
    }
}

/// The readiness probe's failure.
pub struct Unavailable;

impl utoipa::IntoResponses for Unavailable {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        problems(&[(503, "The database does not answer")])
    }
}
