// The Android library module that packages the Rust core for the app.
// Not built on the CI machine (no Android SDK there); see README.md.
rootProject.name = "painschool-android"
include(":painschool-core")
