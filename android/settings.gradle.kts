// The Android build: the library module that packages the Rust core, and the
// plain-Kotlin presenter module. Not built on the CI machine (no Android SDK
// there); CI compiles both modules' Kotlin with kotlinc instead (README.md).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "painschool-android"
include(":painschool-core")
include(":presenter")
