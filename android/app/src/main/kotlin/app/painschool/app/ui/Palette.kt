// The app's colours as plain ARGB values, light and dark, and the WCAG
// contrast ratio that PaletteTest checks for every pair the screens use:
// at least 4.5:1 for text, 3:1 for large text and UI components (outlines,
// the slider, button shapes against the page). Plain Kotlin (no Compose, no
// Android), so the check runs on the JVM; Theme.kt builds the Material
// colour schemes from these values.
package app.painschool.app.ui

import kotlin.math.max
import kotlin.math.min
import kotlin.math.pow

/** One scheme's colours (0xAARRGGBB). Names follow Material 3's colour roles. */
data class Palette(
    val primary: Long,
    val onPrimary: Long,
    val primaryContainer: Long,
    val onPrimaryContainer: Long,
    val secondary: Long,
    val onSecondary: Long,
    val secondaryContainer: Long,
    val onSecondaryContainer: Long,
    val background: Long,
    val onBackground: Long,
    val surface: Long,
    val onSurface: Long,
    val surfaceVariant: Long,
    val onSurfaceVariant: Long,
    val surfaceContainer: Long,
    val surfaceContainerHigh: Long,
    val outline: Long,
    val error: Long,
    val onError: Long,
    val errorContainer: Long,
    val onErrorContainer: Long,
) {
    /** Text on a background: (name, text, background); each needs 4.5:1. */
    fun textPairs(): List<Triple<String, Long, Long>> = listOf(
        Triple("onPrimary/primary", onPrimary, primary),
        Triple("onPrimaryContainer/primaryContainer", onPrimaryContainer, primaryContainer),
        Triple("onSecondary/secondary", onSecondary, secondary),
        Triple("onSecondaryContainer/secondaryContainer", onSecondaryContainer, secondaryContainer),
        Triple("onBackground/background", onBackground, background),
        Triple("onSurface/surface", onSurface, surface),
        Triple("onSurfaceVariant/surface", onSurfaceVariant, surface),
        Triple("onSurfaceVariant/surfaceVariant", onSurfaceVariant, surfaceVariant),
        Triple("onSurface/surfaceContainer", onSurface, surfaceContainer),
        Triple("onSurfaceVariant/surfaceContainer", onSurfaceVariant, surfaceContainer),
        Triple("onSurface/surfaceContainerHigh", onSurface, surfaceContainerHigh),
        Triple("onSecondaryContainer/surfaceContainer", onSecondaryContainer, surfaceContainer),
        // Text buttons and links are primary text on the page.
        Triple("primary/surface", primary, surface),
        Triple("primary/surfaceContainer", primary, surfaceContainer),
        Triple("error/surface", error, surface),
        Triple("onError/error", onError, error),
        Triple("onErrorContainer/errorContainer", onErrorContainer, errorContainer),
    )

    /** UI components against what is around them; each needs 3:1. */
    fun componentPairs(): List<Triple<String, Long, Long>> = listOf(
        Triple("outline/surface", outline, surface),
        Triple("outline/background", outline, background),
        Triple("primary/surface (filled buttons, switches, slider)", primary, surface),
        Triple("primary/surfaceContainerHigh (the slider's track)", primary, surfaceContainerHigh),
        Triple("onSecondaryContainer/secondaryContainer (the selected tab's icon)", onSecondaryContainer, secondaryContainer),
        Triple("error/surface (an error outline)", error, surface),
    )

    companion object {
        /** The light scheme: calm blue and green on a warm white. */
        val Light = Palette(
            primary = 0xFF1F5C8A,
            onPrimary = 0xFFFFFFFF,
            primaryContainer = 0xFFD6E6F5,
            onPrimaryContainer = 0xFF0B2A42,
            secondary = 0xFF3D6B4F,
            onSecondary = 0xFFFFFFFF,
            secondaryContainer = 0xFFD8ECDF,
            onSecondaryContainer = 0xFF10301D,
            background = 0xFFFBFAF7,
            onBackground = 0xFF1B1C1E,
            surface = 0xFFFBFAF7,
            onSurface = 0xFF1B1C1E,
            surfaceVariant = 0xFFE6E4DF,
            onSurfaceVariant = 0xFF44464B,
            surfaceContainer = 0xFFF1EFEA,
            surfaceContainerHigh = 0xFFE9E7E2,
            outline = 0xFF6F7075,
            error = 0xFFB3261E,
            onError = 0xFFFFFFFF,
            errorContainer = 0xFFF9DEDC,
            onErrorContainer = 0xFF410E0B,
        )

        /** The dark scheme: the same hues, light on near-black. */
        val Dark = Palette(
            primary = 0xFF9CCBF2,
            onPrimary = 0xFF06324F,
            primaryContainer = 0xFF1E4A6C,
            onPrimaryContainer = 0xFFD6E9F9,
            secondary = 0xFFA6D3B5,
            onSecondary = 0xFF0F3520,
            secondaryContainer = 0xFF2A5039,
            onSecondaryContainer = 0xFFD5EEDD,
            background = 0xFF121316,
            onBackground = 0xFFE4E2DE,
            surface = 0xFF121316,
            onSurface = 0xFFE4E2DE,
            surfaceVariant = 0xFF2E3035,
            onSurfaceVariant = 0xFFC6C6CB,
            surfaceContainer = 0xFF1E2023,
            surfaceContainerHigh = 0xFF282A2E,
            outline = 0xFF909197,
            error = 0xFFF2B8B5,
            onError = 0xFF601410,
            errorContainer = 0xFF8C1D18,
            onErrorContainer = 0xFFF9DEDC,
        )
    }
}

/** WCAG 2 relative luminance of an opaque ARGB colour. */
fun relativeLuminance(argb: Long): Double {
    fun channel(shift: Int): Double {
        val c = ((argb shr shift) and 0xFF).toDouble() / 255.0
        return if (c <= 0.03928) c / 12.92 else ((c + 0.055) / 1.055).pow(2.4)
    }
    return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}

/** WCAG 2 contrast ratio of two opaque colours (1 to 21). */
fun contrastRatio(a: Long, b: Long): Double {
    val la = relativeLuminance(a)
    val lb = relativeLuminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

/** Text needs this much contrast (WCAG AA, normal text). */
const val TEXT_CONTRAST = 4.5

/** Large text and UI components need this much (WCAG AA). */
const val COMPONENT_CONTRAST = 3.0
