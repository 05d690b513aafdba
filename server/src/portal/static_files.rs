//! The portal's static files, compiled into the binary.

use axum::http::header;
use axum::response::IntoResponse;

/// `GET /portal/static/portal.css`.
pub async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("../../static/portal.css"),
    )
}

/// `GET /portal/static/summary.css`: the printable summary's own style.
pub async fn summary_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        painschool_summary::html::STYLESHEET,
    )
}
