//! The OpenAPI document of the sync and clinic API, derived from the
//! handlers and wire types. It is served at `/api/v1/openapi.json` and
//! checked in as `server/openapi.json`; a test fails when the two differ
//! (regenerate with `cargo run -p painschool-server -- openapi > server/openapi.json`).

use utoipa::Modify;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::{api, clinic_api, sync_api};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Smärtskolan clinic server",
        description = "Sync API v1 for the patient app and the clinician-side API. Meaning and rules: docs/sync-protocol.md.",
    ),
    paths(
        api::healthz,
        api::activate,
        sync_api::push,
        sync_api::pull,
        sync_api::status,
        clinic_api::create_patient,
        clinic_api::activation_code,
        clinic_api::messages,
        clinic_api::send_message,
        clinic_api::mark_read,
        clinic_api::answers,
        clinic_api::mark_reviewed,
        clinic_api::set_pace,
        clinic_api::unlock,
        clinic_api::book_visit,
        clinic_api::change_visit,
        clinic_api::access,
        clinic_api::devices,
        clinic_api::revoke,
    ),
    modifiers(&BearerTokens),
    tags(
        (name = "device", description = "Called by the patient's app with a device token"),
        (name = "clinic", description = "Called by clinicians with a staff token; reads are access-logged"),
        (name = "server", description = "Operations"),
    )
)]
struct ApiDoc;

struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, what) in [
            ("device_token", "the device token from activation"),
            ("staff_token", "a clinician's staff token"),
        ] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(what))
                        .build(),
                ),
            );
        }
    }
}

/// The document as pretty JSON with a final newline.
pub fn document() -> String {
    let mut doc = ApiDoc::openapi();
    // The crate version would make every release a drift; the API has its
    // own version in its path.
    doc.info.version = "1".into();
    let mut s = doc.to_pretty_json().unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_checked_in_document_is_the_generated_one() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == super::document(),
            "server/openapi.json is out of date: run `cargo run -p painschool-server -- openapi > server/openapi.json`"
        );
    }

    #[test]
    fn every_route_is_documented() {
        let doc: serde_json::Value = serde_json::from_str(&super::document()).unwrap();
        let paths = doc["paths"].as_object().unwrap();
        for p in [
            "/api/v1/activate",
            "/api/v1/changes",
            "/api/v1/status",
            "/api/v1/clinic/patients/{patient}/messages",
            "/api/v1/clinic/patients/{patient}/devices/{device}/revoke",
        ] {
            assert!(paths.contains_key(p), "{p} is missing");
        }
        assert!(doc["components"]["schemas"]["PushOutcome"].is_object());
    }
}
