// The Smärtskolan app: a thin Compose shell over the Rust core. Not built on
// the CI machine (no Android SDK there); CI compiles the app's plain-Kotlin
// files and tests them with kotlinc (scripts/kotlin-tests.sh).
//
// The module graph (README.md, "The module graph"): every class once.
// - :presenter (plain Kotlin/JVM) compiles the presenters, the client
//   (CourseClient, RustCourseClient, FakeCourseClient, UrlConnectionHttpClient)
//   and the generated bindings, with JNA compile-only;
// - :painschool-core (Android library) holds only the per-ABI native libraries
//   and brings JNA as `jna@aar` (its own .so files for each ABI);
// - this app takes its Kotlin from the first and its native code from the second.
//
// Before building: `bash android/build-native.sh` at the repository root.
import org.gradle.api.DefaultTask
import org.gradle.api.file.DirectoryProperty
import org.gradle.api.tasks.InputDirectory
import org.gradle.api.tasks.OutputDirectory
import org.gradle.api.tasks.PathSensitive
import org.gradle.api.tasks.PathSensitivity
import org.gradle.api.tasks.TaskAction

plugins {
    id("com.android.application")
    kotlin("android")
    id("org.jetbrains.kotlin.plugin.compose")
}

/** The clinic's server for a typed activation code (a scanned code names its own): `-Ppainschool.serverUrl=…`. */
val serverUrl = (findProperty("painschool.serverUrl") as String?) ?: "https://smartskolan.example.se"

android {
    namespace = "app.painschool.app"
    compileSdk = 35
    defaultConfig {
        applicationId = "app.painschool"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        buildConfigField("String", "SERVER_URL", "\"$serverUrl\"")
    }
    buildFeatures {
        compose = true
        buildConfig = true
    }
    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
    // The per-app language list is res/xml/locales_config.xml (sv, en), written by hand.
    androidResources { generateLocaleConfig = false }
}

// src/test: the shell's plain-Kotlin tests (CI runs them through kotlinc). With Gradle
// (`./gradlew :app:testDebugUnitTest`) they read content/ from the repository root and
// load the host's debug library, like the presenter tests. Not run here (no SDK).
tasks.withType<Test>().configureEach {
    workingDir = rootProject.file("..")
    systemProperty("jna.library.path", rootProject.file("../target/debug").absolutePath)
}

/**
 * Copies the repository's course content (../../content) to a generated assets folder
 * as `content/`, so the APK ships it as assets/content and PainSchoolApp copies it to
 * no-backup storage for the core. Run on every build where the content changed.
 */
abstract class CopyCourseContent : DefaultTask() {
    /** The repository's content folder. */
    @get:InputDirectory
    @get:PathSensitive(PathSensitivity.RELATIVE)
    abstract val content: DirectoryProperty

    /** The generated assets root (holds `content/`). */
    @get:OutputDirectory
    abstract val outputDir: DirectoryProperty

    @TaskAction
    fun copy() {
        val out = outputDir.get().asFile
        out.deleteRecursively()
        content.get().asFile.copyRecursively(out.resolve("content"), overwrite = true)
    }
}

val copyCourseContent = tasks.register<CopyCourseContent>("copyCourseContent") {
    content.set(rootProject.layout.projectDirectory.dir("../content"))
}

androidComponents {
    onVariants { variant ->
        variant.sources.assets?.addGeneratedSourceDirectory(copyCourseContent, CopyCourseContent::outputDir)
    }
}

dependencies {
    // The presenters, the client and the generated bindings (plain Kotlin, JNA compile-only).
    implementation(project(":presenter"))
    // The native libraries, and JNA as jna@aar.
    implementation(project(":painschool-core"))

    val composeBom = platform("androidx.compose:compose-bom:2024.12.01")
    implementation(composeBom)
    implementation("androidx.compose.ui:ui")
    implementation("androidx.compose.material3:material3")
    implementation("androidx.compose.material:material-icons-core")
    implementation("androidx.compose.ui:ui-tooling-preview")
    debugImplementation("androidx.compose.ui:ui-tooling")

    implementation("androidx.core:core-ktx:1.15.0")
    implementation("androidx.activity:activity-compose:1.9.3")
    implementation("androidx.lifecycle:lifecycle-runtime-compose:2.8.7")
    implementation("androidx.work:work-runtime-ktx:2.10.0")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.9.0")

    // The playback notification's MediaStyle (PlaybackService).
    implementation("androidx.media:media:1.7.0")
    // Video sections: MP4 with WebVTT captions.
    implementation("androidx.media3:media3-exoplayer:1.5.0")
    implementation("androidx.media3:media3-ui:1.5.0")
    // Image sections are SVG files from the bundle.
    implementation("io.coil-kt:coil-compose:2.7.0")
    implementation("io.coil-kt:coil-svg:2.7.0")
    // The letter's QR code: Google's code scanner runs in Play services, so the app
    // needs no CAMERA permission and shows no camera preview of its own.
    implementation("com.google.android.gms:play-services-code-scanner:16.1.0")

    // The host JVM needs JNA's plain jar (the AAR has only Android's native parts).
    testImplementation("net.java.dev.jna:jna:5.14.0")
    testImplementation(kotlin("test-junit"))
    testImplementation(kotlin("reflect"))
    testImplementation("junit:junit:4.13.2")
}
