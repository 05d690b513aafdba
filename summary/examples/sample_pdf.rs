//! Writes the synthetic one-year sample to a PDF and an HTML file (for
//! looking at the layout): `cargo run -p painschool-summary --example sample_pdf -- OUT_DIR`.

#[path = "../tests/sample/mod.rs"]
mod sample;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let s = sample::one_year(painschool_summary::Lang::Sv, 1);
    std::fs::write(
        format!("{dir}/sample.pdf"),
        painschool_summary::to_pdf(&s).unwrap(),
    )
    .unwrap();
    std::fs::write(
        format!("{dir}/sample.html"),
        painschool_summary::to_html(&s),
    )
    .unwrap();
}
