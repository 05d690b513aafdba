// The screens' presenters and states (package app.painschool.presenter): plain
// Kotlin with no Android imports, so they compile and are tested on the JVM,
// on a developer's machine with Gradle and in CI with kotlinc
// (scripts/kotlin-tests.sh). Views (Compose) only draw these states.
//
// Before building: `bash android/build-native.sh` (or `bash scripts/bindings.sh`
// from the repository root) writes the generated Kotlin bindings.
//
// The presenters need `CourseClient` and the generated bindings, which live in
// the Android library module :painschool-core; a JVM module cannot depend on
// an Android library, so this module compiles those plain-Kotlin sources
// itself. An app module takes its Kotlin from here and the native libraries
// (jniLibs) from :painschool-core.
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
    // UniFFI's Kotlin calls the library through JNA (the plain jar on the JVM).
    implementation("net.java.dev.jna:jna:5.14.0")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.9.0")
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
