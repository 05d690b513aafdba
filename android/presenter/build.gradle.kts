// The screens' presenters and states (package app.painschool.presenter): plain
// Kotlin with no Android imports, so they compile and are tested on the JVM,
// on a developer's machine with Gradle and in CI with kotlinc
// (scripts/kotlin-tests.sh). Views (Compose) only draw these states.
//
// Before building: `bash android/build-native.sh` (or `bash scripts/bindings.sh`
// from the repository root) writes the generated Kotlin bindings.
//
// This module is also where the client (`CourseClient`, kept in
// ../painschool-core/src/main/kotlin) and the generated bindings are compiled,
// once, for both the JVM tests and the app: a JVM module cannot depend on an
// Android library, and the Android library :painschool-core carries only the
// native libraries. JNA is compile-only here, so each consumer brings the JNA
// it needs: the plain jar for the JVM tests, `jna@aar` in the app (through
// :painschool-core). See ../README.md, "The module graph".
plugins {
    kotlin("jvm")
}

kotlin {
    jvmToolchain(17)
}

sourceSets {
    main {
        kotlin.srcDir("../painschool-core/src/main/kotlin")
        kotlin.srcDir("../painschool-core/build/generated/uniffi")
    }
}

dependencies {
    // UniFFI's Kotlin calls the library through JNA; which JNA is the consumer's choice.
    compileOnly("net.java.dev.jna:jna:5.14.0")
    // States are StateFlows and the bindings' calls are suspending: part of this module's API.
    api("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.9.0")
    testImplementation("net.java.dev.jna:jna:5.14.0")
    testImplementation(kotlin("test-junit"))
    testImplementation(kotlin("reflect"))
    testImplementation("junit:junit:4.13.2")
}

tasks.test {
    // The golden snapshots (UPDATE_GOLDEN=1 rewrites them).
    systemProperty("painschool.golden", file("src/test/resources/golden").absolutePath)
    environment("UPDATE_GOLDEN", System.getenv("UPDATE_GOLDEN") ?: "")
    // The flow test needs the host's debug library (`cargo build -p painschool-ffi
    // --features painschool-ffi/test-exports` at the repository root) and a
    // server: PAINSCHOOL_TEST_SERVER and PAINSCHOOL_TEST_CODE, as
    // scripts/kotlin-tests.sh sets them. Without a server it is left out.
    systemProperty("jna.library.path", rootProject.file("../target/debug").absolutePath)
    if (System.getenv("PAINSCHOOL_TEST_SERVER") == null) {
        filter { excludeTestsMatching("*RealLibraryFlowTest") }
    }
}
