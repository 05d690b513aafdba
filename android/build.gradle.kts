// Plugin versions for every module, declared once.
plugins {
    id("com.android.library") version "8.7.0" apply false
    kotlin("android") version "2.0.21" apply false
    kotlin("jvm") version "2.0.21" apply false
}
