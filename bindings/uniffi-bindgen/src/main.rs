//! `uniffi-bindgen`: writes the Kotlin and Swift bindings from the built
//! library. Built with the workspace so its version always matches the
//! `uniffi` the library was built with.

fn main() {
    uniffi::uniffi_bindgen_main()
}
