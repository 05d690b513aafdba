//! The portal's one route table (ADR 0010): every route with its method,
//! who may call it and whether it shows patient data. The router is built
//! from it, and the authorization-matrix and access-log tests walk it, so a
//! route cannot be added without being checked.

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone (the sign-in page, the style sheet).
    Anonymous,
    /// A session past the password, with or without the second factor.
    SecondFactor,
    /// A clinician fully signed in.
    Staff,
    /// A unit admin fully signed in.
    UnitAdmin,
}

/// One route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    /// `GET` or `POST` (no state changes through GET).
    pub method: &'static str,
    /// The path, in axum's syntax.
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Whether it shows a patient's answers, messages or summary (each view
    /// writes an access-log row).
    pub reads_patient_data: bool,
}

const fn route(method: &'static str, path: &'static str, access: Access) -> RouteInfo {
    RouteInfo {
        method,
        path,
        access,
        reads_patient_data: false,
    }
}

/// A route that shows patient data (its views are access-logged).
const fn reads(method: &'static str, path: &'static str, access: Access) -> RouteInfo {
    RouteInfo {
        method,
        path,
        access,
        reads_patient_data: true,
    }
}

/// Every portal route.
pub const ROUTES: &[RouteInfo] = &[
    route("GET", "/portal/static/portal.css", Access::Anonymous),
    route("GET", "/portal/static/summary.css", Access::Anonymous),
    route("GET", "/portal/login", Access::Anonymous),
    route("POST", "/portal/login", Access::Anonymous),
    route("GET", "/portal/second-factor", Access::SecondFactor),
    route("POST", "/portal/second-factor", Access::SecondFactor),
    route("POST", "/portal/logout", Access::SecondFactor),
    route("GET", "/portal", Access::Staff),
    route("GET", "/portal/patients", Access::Staff),
    reads("GET", "/portal/patients/{patient}", Access::Staff),
    route(
        "POST",
        "/portal/patients/{patient}/answers/{version}/reviewed",
        Access::Staff,
    ),
    // The patient's printable summary, as a page and as the PDF.
    reads("GET", "/portal/patients/{patient}/summary", Access::Staff),
    reads(
        "GET",
        "/portal/patients/{patient}/summary.pdf",
        Access::Staff,
    ),
    route("POST", "/portal/patients/{patient}/messages", Access::Staff),
    route(
        "POST",
        "/portal/patients/{patient}/threads/{thread}/read",
        Access::Staff,
    ),
    route(
        "POST",
        "/portal/patients/{patient}/devices/{device}/revoke",
        Access::Staff,
    ),
    // Who read this patient's data, when: no answers or messages, so not a
    // patient-data read itself.
    route(
        "GET",
        "/portal/patients/{patient}/access-log",
        Access::Staff,
    ),
    route("GET", "/portal/access-log", Access::Staff),
    route("GET", "/portal/team", Access::Staff),
    reads("GET", "/portal/team/{patient}", Access::Staff),
    route("POST", "/portal/team/{patient}/messages", Access::Staff),
    route("POST", "/portal/team/{patient}/read", Access::Staff),
    route("GET", "/portal/account", Access::Staff),
    route("POST", "/portal/account/recovery-codes", Access::Staff),
    route("GET", "/portal/staff", Access::UnitAdmin),
    route("POST", "/portal/staff", Access::UnitAdmin),
    route("GET", "/portal/staff/{staff}", Access::UnitAdmin),
    route("GET", "/portal/staff/{staff}/access-log", Access::UnitAdmin),
    route(
        "POST",
        "/portal/staff/{staff}/reset-second-factor",
        Access::UnitAdmin,
    ),
    route(
        "POST",
        "/portal/staff/{staff}/new-password",
        Access::UnitAdmin,
    ),
    route(
        "POST",
        "/portal/staff/{staff}/deactivate",
        Access::UnitAdmin,
    ),
    route("GET", "/portal/enrol", Access::Staff),
    // Shows the letter (with the name, access-logged) only when the form
    // is valid; a refused form reads nothing.
    route("POST", "/portal/enrol", Access::Staff),
    reads(
        "POST",
        "/portal/patients/{patient}/activation-code",
        Access::Staff,
    ),
    route("POST", "/portal/patients/{patient}/pace", Access::Staff),
    route(
        "POST",
        "/portal/patients/{patient}/read-ahead",
        Access::Staff,
    ),
    route("POST", "/portal/patients/{patient}/unlock", Access::Staff),
    route("POST", "/portal/patients/{patient}/visits", Access::Staff),
    route(
        "POST",
        "/portal/patients/{patient}/access/extend",
        Access::Staff,
    ),
    route(
        "POST",
        "/portal/patients/{patient}/access/end",
        Access::Staff,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_unique_and_only_get_or_post() {
        let mut seen = std::collections::HashSet::new();
        for r in ROUTES {
            assert!(r.method == "GET" || r.method == "POST", "{r:?}");
            assert!(r.path.starts_with("/portal"), "{r:?}");
            assert!(seen.insert((r.method, r.path)), "twice: {r:?}");
        }
    }
}
