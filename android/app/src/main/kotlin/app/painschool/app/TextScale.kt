// Text size: the system's font scale (up to 200 % and beyond, if the phone
// goes further) times the app's own text-size setting, the patient's
// preference in the core. Plain Kotlin, tested in TextScaleTest; Theme.kt
// applies it to LocalDensity's fontScale.
package app.painschool.app

import app.painschool.core.TextSize

/** How much larger each app text size makes the text. */
fun textSizeFactor(size: TextSize): Float = when (size) {
    TextSize.STANDARD -> 1.0f
    TextSize.LARGE -> 1.2f
    TextSize.EXTRA_LARGE -> 1.4f
}

/**
 * The font scale to draw with: the system's times the app's setting, at most 200 %,
 * unless the system's own scale is larger already (then the system's wins).
 */
fun fontScale(system: Float, size: TextSize): Float {
    val wanted = system * textSizeFactor(size)
    return minOf(wanted, maxOf(MAX_SCALE, system))
}

/** The largest scale the app's setting pushes the text to. */
const val MAX_SCALE = 2.0f
