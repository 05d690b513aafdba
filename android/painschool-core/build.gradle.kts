// The native half of the core for Android: the per-ABI Rust libraries and
// JNA as an Android archive (jna@aar carries JNA's own .so files for each
// ABI; the plain jar would not load on a phone), the INTERNET permission
// sync needs, and the keep rules for code reached by reflection.
//
// Its Kotlin (src/main/kotlin: CourseClient and its real and fake clients)
// and the generated bindings are compiled once, by the plain-Kotlin module
// :presenter, which the JVM tests and the app share. Compiling them here as
// well would put every class in the app twice. See ../README.md.
//
// Before building: `bash android/build-native.sh` (cargo-ndk) writes
//   painschool-core/src/main/jniLibs/<abi>/libpainschool_ffi.so
//   painschool-core/build/generated/uniffi/  (the generated Kotlin, for :presenter)
plugins {
    id("com.android.library")
}

android {
    namespace = "app.painschool.core"
    compileSdk = 35
    defaultConfig {
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
    }
    // No Java or Kotlin here: only src/main/jniLibs and the manifest.
    sourceSets["main"].java.setSrcDirs(emptyList<String>())
}

dependencies {
    // UniFFI's Kotlin calls the library through JNA: the Android archive, for the app.
    api("net.java.dev.jna:jna:5.14.0@aar")
}
