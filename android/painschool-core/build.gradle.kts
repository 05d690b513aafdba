// Packages the generated Kotlin bindings and the per-ABI Rust libraries.
// Before building: `bash android/build-native.sh` (cargo-ndk) writes
//   painschool-core/src/main/jniLibs/<abi>/libpainschool_ffi.so
//   painschool-core/build/generated/uniffi/  (the generated Kotlin)
plugins {
    id("com.android.library")
    kotlin("android")
}

android {
    namespace = "app.painschool.core"
    compileSdk = 35
    defaultConfig {
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets["main"].java.srcDir("build/generated/uniffi")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
}

dependencies {
    // UniFFI's Kotlin calls the library through JNA (the AAR carries its own .so files).
    implementation("net.java.dev.jna:jna:5.14.0@aar")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.9.0")
}
