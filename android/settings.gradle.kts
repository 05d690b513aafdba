// The Android build: the app, the plain-Kotlin module with the client, the
// bindings and the screens' presenters, and the library module with the
// native libraries. Not built on the CI machine (no Android SDK there); CI
// compiles all the plain Kotlin with kotlinc instead (README.md).
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
include(":app")
