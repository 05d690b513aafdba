// Plugin versions for every module, declared once. The Compose compiler is
// Kotlin's own plugin since Kotlin 2.0, so it has Kotlin's version.
plugins {
    id("com.android.application") version "8.7.0" apply false
    id("com.android.library") version "8.7.0" apply false
    kotlin("android") version "2.0.21" apply false
    kotlin("jvm") version "2.0.21" apply false
    id("org.jetbrains.kotlin.plugin.compose") version "2.0.21" apply false
}
